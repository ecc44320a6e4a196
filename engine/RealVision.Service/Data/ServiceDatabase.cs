using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RealVision.Service.Data;

/// <summary>
/// Opens connections to the service's database: the SQLite file in the data folder, or PostgreSQL in
/// scale-out mode. The SQL the stores send is written to run unchanged on both (named @parameters,
/// INSERT ... ON CONFLICT, UPDATE ... RETURNING), so one store class serves both.
/// </summary>
public sealed class ServiceDatabase : IDisposable
{
    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqliteConnectionString;

    public ServiceDatabase(ServiceOptions options)
    {
        Kind = options.Storage;
        if (Kind == StorageKind.PostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.PostgreSqlConnectionString)
            {
                SearchPath = options.PostgreSqlSchema,
            };
            Schema = options.PostgreSqlSchema;
            postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
            sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = options.DatabasePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
    }

    public StorageKind Kind { get; }

    /// <summary>PostgreSQL schema of the tables; null for SQLite.</summary>
    public string? Schema { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (postgres is not null)
        {
            return await postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL lets status reads run while a worker writes; NORMAL skips the fsync per commit,
        // which WAL keeps safe against application crashes (only a power loss can lose the last commits).
        using DbCommand pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, sql, parameters);
        object? value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public async Task<List<T>> QueryAsync<T>(
        string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, sql, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                // PostgreSQL cannot infer the type of an untyped null; every nullable parameter is text.
                parameter.DbType = System.Data.DbType.String;
            }
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// Creates the tables when missing. In SQLite mode it also switches the file to WAL journaling,
    /// which persists in the file and is shared with Hangfire's connections.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        if (Kind == StorageKind.Sqlite)
        {
            await using DbCommand wal = Command(connection, "PRAGMA journal_mode=WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken);
            await using DbCommand create = Command(connection, SchemaSql);
            await create.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        // Several nodes may start at once: an advisory lock serialises the CREATE statements.
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (DbCommand lockCommand = Command(connection, "SELECT pg_advisory_xact_lock(7352419011)"))
        {
            lockCommand.Transaction = transaction;
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (DbCommand schema = Command(connection, $"CREATE SCHEMA IF NOT EXISTS \"{Schema}\"; SET LOCAL search_path TO \"{Schema}\"; {SchemaSql}"))
        {
            schema.Transaction = transaction;
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS rv_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            key_prefix TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT NULL
        );
        CREATE TABLE IF NOT EXISTS rv_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rv_uploads (
            id TEXT PRIMARY KEY,
            owner_key TEXT NOT NULL,
            file_name TEXT NOT NULL,
            file_type TEXT NOT NULL,
            size_bytes BIGINT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rv_tasks (
            id TEXT PRIMARY KEY,
            owner_key TEXT NOT NULL,
            state TEXT NOT NULL,
            progress DOUBLE PRECISION NOT NULL,
            stage TEXT NULL,
            input_name TEXT NOT NULL,
            input_format TEXT NOT NULL,
            printer TEXT NULL,
            preset TEXT NULL,
            support TEXT NULL,
            output_format TEXT NULL,
            has_config BIGINT NOT NULL,
            array_dimensions TEXT NULL,
            point_cloud_name TEXT NULL,
            settings_json TEXT NULL,
            files_json TEXT NULL,
            queued_at BIGINT NOT NULL,
            started_at BIGINT NULL,
            ended_at BIGINT NULL,
            error_code TEXT NULL,
            error_message TEXT NULL,
            result_extension TEXT NULL,
            result_content_type TEXT NULL,
            result_bytes BIGINT NULL,
            print_time_s DOUBLE PRECISION NULL,
            filament_mm DOUBLE PRECISION NULL,
            filament_g DOUBLE PRECISION NULL,
            layer_count BIGINT NULL,
            job_id TEXT NULL,
            lease_owner TEXT NULL,
            lease_until BIGINT NULL,
            slice_count BIGINT NOT NULL,
            completed_by TEXT NULL,
            cancel_requested BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rv_task_warnings (
            task_id TEXT PRIMARY KEY,
            warnings_json TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS rv_tasks_owner_state ON rv_tasks (owner_key, state);
        CREATE INDEX IF NOT EXISTS rv_tasks_state ON rv_tasks (state);
        """;

    public void Dispose() => postgres?.Dispose();
}
