package io.datasurface.merge.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens connections to the platform's database; the merge-worker connects only when a command needs it. */
@FunctionalInterface
public interface Connector {
    Connection connect() throws SQLException;

    /** A connection with the session settings every merge-worker statement relies on. */
    static Connection open(Connector connector, PostgresDialect sql) throws SQLException {
        Connection c = connector.connect();
        try (Statement s = c.createStatement()) {
            for (String setting : sql.sessionSettings()) {
                s.execute(setting);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
