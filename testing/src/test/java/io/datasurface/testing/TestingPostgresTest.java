package io.datasurface.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestingPostgresTest {

    @Test
    void newDatabasesAreIsolatedFromEachOther() throws SQLException {
        TestingPostgres.Database first = TestingPostgres.get().newDatabase();
        TestingPostgres.Database second = TestingPostgres.get().newDatabase();
        first.execute("CREATE TABLE t (id int)");

        try (Connection c = second.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 't'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void serverIsPostgres15OrLater() throws SQLException {
        try (Connection c = TestingPostgres.get().newDatabase().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            assertThat(Integer.parseInt(rs.getString(1))).isGreaterThanOrEqualTo(150000);
        }
    }

    @Test
    void embeddedServerSettingsAreNameValuePairsSeparatedByCommas() {
        assertThat(TestingPostgres.settings(" shared_buffers=1GB, work_mem = 64MB ")).containsExactly(
                entry("shared_buffers", "1GB"), entry("work_mem", "64MB"));
        assertThat(TestingPostgres.settings(null)).isEmpty();
    }

    @Test
    void aSettingWithoutValueNamesTheVariableAndThePair() {
        assertThatThrownBy(() -> TestingPostgres.settings("shared_buffers=1GB,work_mem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DATASURFACE_TEST_PG_SETTINGS must be name=value pairs separated by commas, not 'work_mem'");
    }
}
