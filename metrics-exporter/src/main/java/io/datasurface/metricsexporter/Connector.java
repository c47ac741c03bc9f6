package io.datasurface.metricsexporter;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the platform's database. */
@FunctionalInterface
public interface Connector {
    Connection connect() throws SQLException;
}
