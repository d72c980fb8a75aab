package dev.hindsight.web.admin;

import dev.hindsight.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies every table of one database into another whose schema the same migrations made: rows in foreign-key order,
 * identity sequences moved past the copied ids, then each table proved equal on both sides by its row count and a
 * SHA-256 over its rows in key order (values compared as what they mean, not as each driver prints them).
 */
final class DatabaseCopy {

    /** Rows per insert batch, and per commit. */
    static final int BATCH = 1000;

    /** One table on both sides. */
    record TableCheck(String table, long sourceRows, long targetRows, String sourceSha256, String targetSha256) {
        boolean equal() {
            return sourceRows == targetRows && sourceSha256.equals(targetSha256);
        }
    }

    private DatabaseCopy() {}

    /** The target must hold no tables yet: a copy never merges into, or overwrites, a database in use. */
    static void requireEmpty(Connection target) throws SQLException {
        List<String> tables = tables(target);
        if (!tables.isEmpty()) {
            throw new InvalidInputException("the target database is not empty (it has table " + tables.getFirst()
                    + (tables.size() > 1 ? " and " + (tables.size() - 1) + " more" : "")
                    + "); migrate copies into an empty PostgreSQL database");
        }
    }

    /**
     * Copies the source's rows of every application table into the target, whose schema is already migrated (rows
     * its start-up wrote are replaced), and proves each table equal on both sides.
     */
    static List<TableCheck> copy(Connection source, Connection target) throws SQLException {
        List<String> tables = inDependencyOrder(source, tables(source));
        target.setAutoCommit(false);
        for (String table : tables.reversed()) {
            try (Statement s = target.createStatement()) {
                s.executeUpdate("delete from " + table);
            }
        }
        target.commit();
        for (String table : tables) {
            copyTable(source, target, table);
            resetIdentities(target, table);
            target.commit();
        }
        target.setAutoCommit(true);
        List<TableCheck> checks = new ArrayList<>();
        for (String table : tables) {
            Digest s = digest(source, table);
            Digest t = digest(target, table);
            checks.add(new TableCheck(table, s.rows(), t.rows(), s.sha256(), t.sha256()));
        }
        return checks;
    }

    /** The application's tables (Flyway's history tables are the target's own). */
    static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, schema(c), "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("schema_history_") && !name.equals("flyway_schema_history")) {
                    tables.add(name);
                }
            }
        }
        tables.sort(null);
        return tables;
    }

    private static String schema(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equals("H2") ? "PUBLIC" : "public";
    }

    private static String metaName(Connection c, String table) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equals("H2") ? table.toUpperCase(Locale.ROOT) : table;
    }

    /** Referenced tables before the tables that reference them. */
    private static List<String> inDependencyOrder(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        for (String table : tables) {
            Set<String> parents = new LinkedHashSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, schema(c), metaName(c, table))) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!parent.equals(table)) {
                        parents.add(parent);
                    }
                }
            }
            references.put(table, parents);
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < tables.size()) {
            boolean progress = false;
            for (String table : tables) {
                if (!placed.contains(table) && placed.containsAll(references.get(table).stream()
                        .filter(tables::contains).toList())) {
                    ordered.add(table);
                    placed.add(table);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("foreign keys form a cycle among " + tables);
            }
        }
        return ordered;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, schema(c), metaName(c, table), "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static List<String> keyOrder(Connection c, String table, List<String> columns) throws SQLException {
        List<String> key = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, schema(c), metaName(c, table))) {
            Map<Integer, String> bySeq = new java.util.TreeMap<>();
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
            key.addAll(bySeq.values());
        }
        return key.isEmpty() ? columns : key;
    }

    private static void copyTable(Connection source, Connection target, String table) throws SQLException {
        List<String> columns = columns(source, table);
        String list = String.join(", ", columns);
        String marks = String.join(", ", columns.stream().map(x -> "?").toList());
        try (Statement read = source.createStatement();
                PreparedStatement write = target.prepareStatement(
                        "insert into " + table + " (" + list + ") values (" + marks + ")")) {
            read.setFetchSize(BATCH);
            try (ResultSet rs = read.executeQuery("select " + list + " from " + table)) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = rs.getObject(i);
                        write.setObject(i, value instanceof java.sql.Clob clob
                                ? clob.getSubString(1, (int) clob.length())
                                : value);
                    }
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        target.commit();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                }
            }
        }
    }

    /** PostgreSQL identity columns continue after the highest id copied, so new rows never collide. */
    private static void resetIdentities(Connection target, String table) throws SQLException {
        if (!target.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            return;
        }
        for (String column : columns(target, table)) {
            String sequence;
            try (PreparedStatement ps = target.prepareStatement("select pg_get_serial_sequence(?, ?)")) {
                ps.setString(1, table);
                ps.setString(2, column);
                try (ResultSet rs = ps.executeQuery()) {
                    sequence = rs.next() ? rs.getString(1) : null;
                }
            }
            if (sequence != null) {
                try (PreparedStatement ps = target.prepareStatement("select setval(?, coalesce(max(" + column
                        + "), 1), max(" + column + ") is not null) from " + table)) {
                    ps.setString(1, sequence);
                    ps.executeQuery().close();
                }
            }
        }
    }

    private record Digest(long rows, String sha256) {}

    private static Digest digest(Connection c, String table) throws SQLException {
        List<String> columns = columns(c, table);
        List<String> key = keyOrder(c, table, columns);
        MessageDigest sha = sha256();
        long rows = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + String.join(", ", columns) + " from " + table
                        + " order by " + String.join(", ", key))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    sha.update(canonical(rs.getObject(i)).getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0x1f);
                }
                sha.update((byte) 0x1e);
            }
        }
        return new Digest(rows, HexFormat.of().formatHex(sha.digest()));
    }

    /** A value as what it means, the same from either driver. */
    static String canonical(Object value) throws SQLException {
        return switch (value) {
            case null -> "\u0000null";
            case byte[] bytes -> HexFormat.of().formatHex(bytes);
            case java.sql.Blob blob -> HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
            case java.sql.Clob clob -> clob.getSubString(1, (int) clob.length());
            case Timestamp t -> t.toInstant().toString();
            case OffsetDateTime t -> t.toInstant().toString();
            case BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case Double d -> Double.toString(d);
            case Float f -> Double.toString(f);
            case Number n -> Long.toString(n.longValue());
            default -> value.toString();
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
