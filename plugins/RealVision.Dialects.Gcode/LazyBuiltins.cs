using Scriban;
using Scriban.Functions;
using Scriban.Parsing;
using Scriban.Runtime;

namespace RealVision.Dialects.Gcode;

/// <summary>
/// Scriban's built-in modules (math, string, array and the rest), each created
/// the first time a template names it. A default TemplateContext builds all of
/// them by reflection, which took about 20 ms of each command-line run here,
/// and the shipped templates use none of them.
/// </summary>
internal sealed class LazyBuiltins : ScriptObject
{
    private static readonly Dictionary<string, Func<object>> Modules = new(StringComparer.Ordinal)
    {
        ["array"] = () => new ArrayFunctions(),
        ["empty"] = () => EmptyScriptObject.Default,
        ["blank"] = () => EmptyScriptObject.Default,
        ["include"] = () => new IncludeFunction(),
        ["include_join"] = () => new IncludeJoinFunction(),
        ["date"] = () => new DateTimeFunctions(),
        ["html"] = () => new HtmlFunctions(),
        ["math"] = () => new MathFunctions(),
        ["object"] = () => new ObjectFunctions(),
        ["regex"] = () => new RegexFunctions(),
        ["string"] = () => new StringFunctions(),
        ["timespan"] = () => new TimeSpanFunctions(),
    };

    public override bool Contains(string member) => base.Contains(member) || Modules.ContainsKey(member);

    public override bool CanWrite(string member) => !Modules.ContainsKey(member) && base.CanWrite(member);

    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        if (base.TryGetValue(context, span, member, out value))
        {
            return true;
        }

        if (!Modules.TryGetValue(member, out Func<object>? create))
        {
            return false;
        }

        value = create();
        SetValue(member, value, readOnly: true);
        return true;
    }
}
