// rv_clip.cpp: implementation of rv_clip.h over Clipper 6.4.2 (Debian package libpolyclipping-dev).
//
// Every exported function runs its body inside run_guarded(), which turns any
// C++ exception into a status code and a thread-local message, so nothing
// propagates across the C boundary.

#define RV_CLIP_BUILDING 1
#include "rv_clip.h"

#include <clipper.hpp>

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

struct rv_clip_result {
    struct PathSet {
        std::vector<int64_t> xy;
        std::vector<int32_t> counts;
        std::vector<int32_t> parents;  // Filled only for tree results.
        std::vector<int32_t> is_hole;  // Filled only for tree results.
    };

    std::vector<PathSet> sets;
    bool has_tree = false;
};

namespace {

using ClipperLib::cInt;
using ClipperLib::IntPoint;
using ClipperLib::Path;
using ClipperLib::Paths;

static_assert(sizeof(cInt) == sizeof(int64_t), "Clipper must be built with 64-bit coordinates (without use_int32).");
static_assert(RV_CLIP_MAX_COORD == ClipperLib::hiRange, "RV_CLIP_MAX_COORD must match Clipper's full coordinate range.");

thread_local std::string last_error;

// Used when the message itself cannot be stored (out of memory).
thread_local const char* last_error_fallback = nullptr;

// An error detected by the shim itself, carrying the status to return.
class ShimError : public std::exception {
public:
    ShimError(rv_clip_status status, std::string message) : status_(status), message_(std::move(message)) {}

    rv_clip_status status() const noexcept { return status_; }

    const char* what() const noexcept override { return message_.c_str(); }

private:
    rv_clip_status status_;
    std::string message_;
};

void clear_error() noexcept {
    last_error.clear();
    last_error_fallback = nullptr;
}

void set_error(const char* prefix, const char* message) noexcept {
    try {
        last_error.assign(prefix);
        last_error.append(message);
        last_error_fallback = nullptr;
    } catch (...) {
        last_error_fallback = "rv_clip: out of memory while storing an error message.";
    }
}

template <typename Body>
rv_clip_status run_guarded(Body&& body) noexcept {
    clear_error();
    try {
        body();
        return RV_CLIP_OK;
    } catch (const ShimError& e) {
        set_error("", e.what());
        return e.status();
    } catch (const ClipperLib::clipperException& e) {
        set_error("rv_clip: Clipper failed: ", e.what());
        return RV_CLIP_ERROR_CLIPPING_FAILED;
    } catch (const std::bad_alloc&) {
        set_error("", "rv_clip: out of memory; split the input into smaller batches.");
        return RV_CLIP_ERROR_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        set_error("rv_clip: unexpected failure: ", e.what());
        return RV_CLIP_ERROR_INTERNAL;
    } catch (...) {
        set_error("", "rv_clip: unexpected failure of unknown type.");
        return RV_CLIP_ERROR_INTERNAL;
    }
}

#if defined(__GNUC__)
std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));
#endif

std::string format(const char* pattern, ...) {
    char buffer[512];
    va_list args;
    va_start(args, pattern);
    std::vsnprintf(buffer, sizeof buffer, pattern, args);
    va_end(args);
    return buffer;
}

[[noreturn]] void fail_argument(const std::string& message) {
    throw ShimError(RV_CLIP_ERROR_INVALID_ARGUMENT, message);
}

void require_output(rv_clip_result** out_result) {
    if (out_result == nullptr) {
        fail_argument("rv_clip: out_result is NULL; pass the address of an rv_clip_result pointer.");
    }
    *out_result = nullptr;
}

// Checks the shape of a batch and returns its total number of points.
int64_t count_batch_points(const char* name, const int64_t* xy, const int32_t* counts, int32_t path_count) {
    if (path_count < 0) {
        fail_argument(format("rv_clip: %s path count is %d; it must be 0 or more.", name, path_count));
    }
    if (path_count > 0 && counts == nullptr) {
        fail_argument(format("rv_clip: %s counts is NULL but path count is %d.", name, path_count));
    }
    int64_t total = 0;
    for (int32_t i = 0; i < path_count; ++i) {
        if (counts[i] < 0) {
            fail_argument(format("rv_clip: %s path %d has point count %d; it must be 0 or more.", name, i, counts[i]));
        }
        total += counts[i];
    }
    if (total > 0 && xy == nullptr) {
        fail_argument(format("rv_clip: %s xy is NULL but the counts add up to %lld points.", name, static_cast<long long>(total)));
    }
    return total;
}

// A batch converted to Clipper paths, with the largest absolute coordinate for offset range checks.
struct ReadBatch {
    Paths paths;
    int64_t max_abs = 0;
};

// Converts a batch to Clipper paths, rejecting coordinates outside RV_CLIP_MAX_COORD.
ReadBatch read_batch(const char* name, const int64_t* xy, const int32_t* counts, int32_t path_count) {
    count_batch_points(name, xy, counts, path_count);
    ReadBatch batch;
    batch.paths.resize(static_cast<size_t>(path_count));
    const int64_t* cursor = xy;
    for (int32_t i = 0; i < path_count; ++i) {
        Path& path = batch.paths[static_cast<size_t>(i)];
        path.reserve(static_cast<size_t>(counts[i]));
        for (int32_t j = 0; j < counts[i]; ++j) {
            const int64_t x = cursor[0];
            const int64_t y = cursor[1];
            cursor += 2;
            for (int64_t value : {x, y}) {
                if (value > RV_CLIP_MAX_COORD || value < -RV_CLIP_MAX_COORD) {
                    throw ShimError(RV_CLIP_ERROR_OUT_OF_RANGE,
                        format("rv_clip: %s path %d point %d has coordinate %lld, outside the supported range "
                               "of +/-%lld; move or scale the input closer to the origin.",
                            name, i, j, static_cast<long long>(value), static_cast<long long>(RV_CLIP_MAX_COORD)));
                }
                const int64_t magnitude = value < 0 ? -value : value;
                if (magnitude > batch.max_abs) {
                    batch.max_abs = magnitude;
                }
            }
            path.emplace_back(x, y);
        }
    }
    return batch;
}

ClipperLib::PolyFillType to_fill(const char* name, int32_t fill) {
    switch (fill) {
    case RV_CLIP_FILL_EVEN_ODD: return ClipperLib::pftEvenOdd;
    case RV_CLIP_FILL_NON_ZERO: return ClipperLib::pftNonZero;
    case RV_CLIP_FILL_POSITIVE: return ClipperLib::pftPositive;
    case RV_CLIP_FILL_NEGATIVE: return ClipperLib::pftNegative;
    default:
        fail_argument(format("rv_clip: %s fill rule %d is unknown; use an RV_CLIP_FILL_* value (0 to 3).", name, fill));
    }
}

ClipperLib::ClipType to_clip_type(int32_t op) {
    switch (op) {
    case RV_CLIP_OP_INTERSECTION: return ClipperLib::ctIntersection;
    case RV_CLIP_OP_UNION: return ClipperLib::ctUnion;
    case RV_CLIP_OP_DIFFERENCE: return ClipperLib::ctDifference;
    case RV_CLIP_OP_XOR: return ClipperLib::ctXor;
    default:
        fail_argument(format("rv_clip: boolean operation %d is unknown; use an RV_CLIP_OP_* value (0 to 3).", op));
    }
}

ClipperLib::JoinType to_join(int32_t join) {
    switch (join) {
    case RV_CLIP_JOIN_SQUARE: return ClipperLib::jtSquare;
    case RV_CLIP_JOIN_ROUND: return ClipperLib::jtRound;
    case RV_CLIP_JOIN_MITER: return ClipperLib::jtMiter;
    default:
        fail_argument(format("rv_clip: join type %d is unknown; use an RV_CLIP_JOIN_* value (0 to 2).", join));
    }
}

ClipperLib::EndType to_end(int32_t end) {
    switch (end) {
    case RV_CLIP_END_POLYGON: return ClipperLib::etClosedPolygon;
    case RV_CLIP_END_OPEN_BUTT: return ClipperLib::etOpenButt;
    case RV_CLIP_END_OPEN_SQUARE: return ClipperLib::etOpenSquare;
    case RV_CLIP_END_OPEN_ROUND: return ClipperLib::etOpenRound;
    case RV_CLIP_END_CLOSED_LINE: return ClipperLib::etClosedLine;
    default:
        fail_argument(format("rv_clip: end type %d is unknown; use an RV_CLIP_END_* value (0 to 4).", end));
    }
}

void require_finite(const char* name, double value) {
    if (!std::isfinite(value)) {
        fail_argument(format("rv_clip: %s is %g; it must be a finite number.", name, value));
    }
}

int32_t to_count(size_t count, const char* item_name) {
    if (count > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
        throw ShimError(RV_CLIP_ERROR_INTERNAL,
            format("rv_clip: the result has %zu %s, more than a 32-bit count can hold; split the input into smaller batches.",
                count, item_name));
    }
    return static_cast<int32_t>(count);
}

void append_path(rv_clip_result::PathSet& set, const Path& path) {
    set.counts.push_back(to_count(path.size(), "points in one path"));
    for (const IntPoint& point : path) {
        set.xy.push_back(point.X);
        set.xy.push_back(point.Y);
    }
}

rv_clip_result::PathSet to_set(const Paths& paths) {
    rv_clip_result::PathSet set;
    to_count(paths.size(), "paths");
    size_t points = 0;
    for (const Path& path : paths) {
        points += path.size();
    }
    set.xy.reserve(points * 2);
    set.counts.reserve(paths.size());
    for (const Path& path : paths) {
        append_path(set, path);
    }
    return set;
}

rv_clip_result* single_set_result(const Paths& paths) {
    auto result = std::make_unique<rv_clip_result>();
    result->sets.push_back(to_set(paths));
    return result.release();
}

// Guards the offset against leaving the coordinate range. A miter reaches at most
// miter_limit * |delta| from the input, and square and round joins and end caps
// at most sqrt(2) * |delta|, so max(miter_limit, 2) * |delta| bounds every case.
void check_offset_range(const ReadBatch& batch, double delta, double miter_limit) {
    const double reach = std::fabs(delta) * std::fmax(miter_limit, 2.0);
    if (static_cast<double>(batch.max_abs) + reach > static_cast<double>(RV_CLIP_MAX_COORD)) {
        throw ShimError(RV_CLIP_ERROR_OUT_OF_RANGE,
            format("rv_clip: offsetting coordinates up to %lld by delta %g could leave the supported range of +/-%lld; "
                   "use a smaller delta or move the input closer to the origin.",
                static_cast<long long>(batch.max_abs), delta, static_cast<long long>(RV_CLIP_MAX_COORD)));
    }
}

const rv_clip_result::PathSet* find_set(const rv_clip_result* result, int32_t set) {
    if (result == nullptr || set < 0 || static_cast<size_t>(set) >= result->sets.size()) {
        return nullptr;
    }
    return &result->sets[static_cast<size_t>(set)];
}

const rv_clip_result::PathSet& require_set(const rv_clip_result* result, int32_t set) {
    if (result == nullptr) {
        fail_argument("rv_clip: result is NULL.");
    }
    const rv_clip_result::PathSet* found = find_set(result, set);
    if (found == nullptr) {
        fail_argument(format("rv_clip: set index %d is out of range; the result has %zu sets.", set, result->sets.size()));
    }
    return *found;
}

// Flattens a polytree depth-first (parents before children) into one set with nesting.
rv_clip_result::PathSet flatten_tree(const ClipperLib::PolyTree& tree) {
    rv_clip_result::PathSet set;
    const size_t total = static_cast<size_t>(tree.Total());
    set.counts.reserve(total);
    set.parents.reserve(total);
    set.is_hole.reserve(total);

    std::vector<std::pair<const ClipperLib::PolyNode*, int32_t>> pending;
    for (auto child = tree.Childs.rbegin(); child != tree.Childs.rend(); ++child) {
        pending.emplace_back(*child, -1);
    }
    while (!pending.empty()) {
        const auto [node, parent] = pending.back();
        pending.pop_back();
        const int32_t index = to_count(set.counts.size(), "paths");
        append_path(set, node->Contour);
        set.parents.push_back(parent);
        set.is_hole.push_back(node->IsHole() ? 1 : 0);
        for (auto child = node->Childs.rbegin(); child != node->Childs.rend(); ++child) {
            pending.emplace_back(*child, index);
        }
    }
    return set;
}

}  // namespace

extern "C" {

int32_t rv_clip_abi_version(void) {
    return RV_CLIP_ABI_VERSION;
}

const char* rv_clip_last_error(void) {
    return last_error_fallback != nullptr ? last_error_fallback : last_error.c_str();
}

rv_clip_status rv_clip_boolean(
    int32_t op,
    const int64_t* subject_xy, const int32_t* subject_counts, int32_t subject_path_count, int32_t subject_fill,
    const int64_t* clip_xy, const int32_t* clip_counts, int32_t clip_path_count, int32_t clip_fill,
    rv_clip_result** out_result) {
    return run_guarded([&] {
        require_output(out_result);
        const ClipperLib::ClipType clip_type = to_clip_type(op);
        const ClipperLib::PolyFillType subject_fill_type = to_fill("subject", subject_fill);
        const ClipperLib::PolyFillType clip_fill_type = to_fill("clip", clip_fill);
        const ReadBatch subject = read_batch("subject", subject_xy, subject_counts, subject_path_count);
        const ReadBatch clip = read_batch("clip", clip_xy, clip_counts, clip_path_count);

        // AddPaths skips degenerate paths and returns false when it added none. Execute also
        // returns false when it has no edges at all, which is an empty result, not a failure.
        ClipperLib::Clipper clipper;
        const bool added_subject = clipper.AddPaths(subject.paths, ClipperLib::ptSubject, true);
        const bool added_clip = clipper.AddPaths(clip.paths, ClipperLib::ptClip, true);
        Paths solution;
        if ((added_subject || added_clip) &&
            !clipper.Execute(clip_type, solution, subject_fill_type, clip_fill_type)) {
            throw ShimError(RV_CLIP_ERROR_CLIPPING_FAILED,
                "rv_clip: Clipper could not complete the boolean operation; the input may have nearly coincident "
                "edges, so clean or simplify it first.");
        }
        *out_result = single_set_result(solution);
    });
}

rv_clip_status rv_clip_boolean_open(
    int32_t op,
    const int64_t* line_xy, const int32_t* line_counts, int32_t line_path_count, int32_t line_fill,
    const int64_t* clip_xy, const int32_t* clip_counts, int32_t clip_path_count, int32_t clip_fill,
    rv_clip_result** out_result) {
    return run_guarded([&] {
        require_output(out_result);
        if (op != RV_CLIP_OP_INTERSECTION && op != RV_CLIP_OP_DIFFERENCE) {
            fail_argument(format("rv_clip: open-path clipping supports RV_CLIP_OP_INTERSECTION (0) and "
                                 "RV_CLIP_OP_DIFFERENCE (2), not operation %d.", op));
        }
        const ClipperLib::ClipType clip_type = to_clip_type(op);
        const ClipperLib::PolyFillType line_fill_type = to_fill("line", line_fill);
        const ClipperLib::PolyFillType clip_fill_type = to_fill("clip", clip_fill);
        const ReadBatch lines = read_batch("line", line_xy, line_counts, line_path_count);
        const ReadBatch clip = read_batch("clip", clip_xy, clip_counts, clip_path_count);

        // Clipper 6 returns open paths only through a PolyTree.
        ClipperLib::Clipper clipper;
        const bool added_lines = clipper.AddPaths(lines.paths, ClipperLib::ptSubject, false);
        const bool added_clip = clipper.AddPaths(clip.paths, ClipperLib::ptClip, true);
        ClipperLib::PolyTree tree;
        if ((added_lines || added_clip) && !clipper.Execute(clip_type, tree, line_fill_type, clip_fill_type)) {
            throw ShimError(RV_CLIP_ERROR_CLIPPING_FAILED,
                "rv_clip: Clipper could not complete the open-path clipping; the input may have nearly coincident "
                "edges, so clean or simplify the clip polygons first.");
        }
        Paths solution;
        ClipperLib::OpenPathsFromPolyTree(tree, solution);
        *out_result = single_set_result(solution);
    });
}

rv_clip_status rv_clip_offset(
    const int64_t* xy, const int32_t* counts, int32_t path_count,
    double delta, int32_t join, int32_t end, double miter_limit, double arc_tolerance,
    rv_clip_result** out_result) {
    return rv_clip_offset_many(xy, counts, path_count, &delta, 1, join, end, miter_limit, arc_tolerance, out_result);
}

rv_clip_status rv_clip_offset_many(
    const int64_t* xy, const int32_t* counts, int32_t path_count,
    const double* deltas, int32_t delta_count,
    int32_t join, int32_t end, double miter_limit, double arc_tolerance,
    rv_clip_result** out_result) {
    return run_guarded([&] {
        require_output(out_result);
        if (delta_count < 0) {
            fail_argument(format("rv_clip: delta count is %d; it must be 0 or more.", delta_count));
        }
        if (delta_count > 0 && deltas == nullptr) {
            fail_argument(format("rv_clip: deltas is NULL but delta count is %d.", delta_count));
        }
        const ClipperLib::JoinType join_type = to_join(join);
        const ClipperLib::EndType end_type = to_end(end);
        require_finite("miter limit", miter_limit);
        require_finite("arc tolerance", arc_tolerance);
        const ReadBatch batch = read_batch("offset input", xy, counts, path_count);
        for (int32_t i = 0; i < delta_count; ++i) {
            require_finite("delta", deltas[i]);
            check_offset_range(batch, deltas[i], miter_limit);
        }

        ClipperLib::ClipperOffset offset(miter_limit, arc_tolerance);
        offset.AddPaths(batch.paths, join_type, end_type);
        auto result = std::make_unique<rv_clip_result>();
        result->sets.reserve(static_cast<size_t>(delta_count));
        for (int32_t i = 0; i < delta_count; ++i) {
            // Execute keeps the added paths, so one ClipperOffset serves every delta.
            Paths solution;
            offset.Execute(solution, deltas[i]);
            result->sets.push_back(to_set(solution));
        }
        *out_result = result.release();
    });
}

rv_clip_status rv_clip_union_tree(
    const int64_t* xy, const int32_t* counts, int32_t path_count, int32_t fill,
    rv_clip_result** out_result) {
    return run_guarded([&] {
        require_output(out_result);
        const ClipperLib::PolyFillType fill_type = to_fill("subject", fill);
        const ReadBatch subject = read_batch("subject", xy, counts, path_count);

        ClipperLib::Clipper clipper;
        const bool added_subject = clipper.AddPaths(subject.paths, ClipperLib::ptSubject, true);
        ClipperLib::PolyTree tree;
        if (added_subject && !clipper.Execute(ClipperLib::ctUnion, tree, fill_type, fill_type)) {
            throw ShimError(RV_CLIP_ERROR_CLIPPING_FAILED,
                "rv_clip: Clipper could not complete the union; the input may have nearly coincident edges, "
                "so clean it first.");
        }
        auto result = std::make_unique<rv_clip_result>();
        result->has_tree = true;
        result->sets.push_back(flatten_tree(tree));
        *out_result = result.release();
    });
}

rv_clip_status rv_clip_simplify(
    const int64_t* xy, const int32_t* counts, int32_t path_count, int32_t fill,
    rv_clip_result** out_result) {
    return run_guarded([&] {
        require_output(out_result);
        const ClipperLib::PolyFillType fill_type = to_fill("subject", fill);
        const ReadBatch subject = read_batch("subject", xy, counts, path_count);
        Paths solution;
        ClipperLib::SimplifyPolygons(subject.paths, solution, fill_type);
        *out_result = single_set_result(solution);
    });
}

rv_clip_status rv_clip_clean(
    const int64_t* xy, const int32_t* counts, int32_t path_count, double distance,
    rv_clip_result** out_result) {
    return run_guarded([&] {
        require_output(out_result);
        require_finite("clean distance", distance);
        if (distance < 0) {
            fail_argument(format("rv_clip: clean distance is %g; it must be 0 or more.", distance));
        }
        const ReadBatch batch = read_batch("clean input", xy, counts, path_count);
        // Sized up front so the result keeps one entry per input path, emptied where a path collapsed.
        Paths solution(batch.paths.size());
        ClipperLib::CleanPolygons(batch.paths, solution, distance);
        *out_result = single_set_result(solution);
    });
}

rv_clip_status rv_clip_area(
    const int64_t* xy, const int32_t* counts, int32_t path_count,
    double* out_areas, double* out_total) {
    return run_guarded([&] {
        count_batch_points("area input", xy, counts, path_count);
        double total = 0;
        const int64_t* cursor = xy;
        Path path;
        for (int32_t i = 0; i < path_count; ++i) {
            path.clear();
            for (int32_t j = 0; j < counts[i]; ++j) {
                path.emplace_back(cursor[0], cursor[1]);
                cursor += 2;
            }
            const double area = ClipperLib::Area(path);
            if (out_areas != nullptr) {
                out_areas[i] = area;
            }
            total += area;
        }
        if (out_total != nullptr) {
            *out_total = total;
        }
    });
}

int32_t rv_clip_result_set_count(const rv_clip_result* result) {
    return result == nullptr ? 0 : static_cast<int32_t>(result->sets.size());
}

int32_t rv_clip_result_path_count(const rv_clip_result* result, int32_t set) {
    const rv_clip_result::PathSet* found = find_set(result, set);
    return found == nullptr ? -1 : static_cast<int32_t>(found->counts.size());
}

int64_t rv_clip_result_point_count(const rv_clip_result* result, int32_t set) {
    const rv_clip_result::PathSet* found = find_set(result, set);
    return found == nullptr ? -1 : static_cast<int64_t>(found->xy.size() / 2);
}

rv_clip_status rv_clip_result_copy_set(
    const rv_clip_result* result, int32_t set,
    int64_t* xy, int64_t xy_capacity,
    int32_t* counts, int32_t counts_capacity) {
    return run_guarded([&] {
        const rv_clip_result::PathSet& found = require_set(result, set);
        const int64_t xy_needed = static_cast<int64_t>(found.xy.size());
        const int32_t counts_needed = static_cast<int32_t>(found.counts.size());
        if (xy_capacity < xy_needed || counts_capacity < counts_needed) {
            throw ShimError(RV_CLIP_ERROR_BUFFER_TOO_SMALL,
                format("rv_clip: set %d needs %lld xy values and %d counts, but the buffers hold %lld and %d; "
                       "size them with rv_clip_result_point_count and rv_clip_result_path_count.",
                    set, static_cast<long long>(xy_needed), counts_needed, static_cast<long long>(xy_capacity),
                    counts_capacity));
        }
        if ((xy_needed > 0 && xy == nullptr) || (counts_needed > 0 && counts == nullptr)) {
            fail_argument(format("rv_clip: set %d is not empty, so xy and counts must not be NULL.", set));
        }
        if (xy_needed > 0) {
            std::memcpy(xy, found.xy.data(), found.xy.size() * sizeof(int64_t));
        }
        if (counts_needed > 0) {
            std::memcpy(counts, found.counts.data(), found.counts.size() * sizeof(int32_t));
        }
    });
}

int32_t rv_clip_result_has_tree(const rv_clip_result* result) {
    return result != nullptr && result->has_tree ? 1 : 0;
}

rv_clip_status rv_clip_result_copy_tree(
    const rv_clip_result* result, int32_t set,
    int32_t* parents, int32_t* is_hole, int32_t capacity) {
    return run_guarded([&] {
        const rv_clip_result::PathSet& found = require_set(result, set);
        if (!result->has_tree) {
            fail_argument("rv_clip: the result carries no nesting; only rv_clip_union_tree results do.");
        }
        const int32_t needed = static_cast<int32_t>(found.counts.size());
        if (capacity < needed) {
            throw ShimError(RV_CLIP_ERROR_BUFFER_TOO_SMALL,
                format("rv_clip: set %d has %d paths, but the nesting buffers hold %d; size them with "
                       "rv_clip_result_path_count.",
                    set, needed, capacity));
        }
        if (needed > 0 && (parents == nullptr || is_hole == nullptr)) {
            fail_argument(format("rv_clip: set %d is not empty, so parents and is_hole must not be NULL.", set));
        }
        if (needed > 0) {
            std::memcpy(parents, found.parents.data(), found.parents.size() * sizeof(int32_t));
            std::memcpy(is_hole, found.is_hole.data(), found.is_hole.size() * sizeof(int32_t));
        }
    });
}

void rv_clip_result_free(rv_clip_result* result) {
    delete result;
}

}  // extern "C"
