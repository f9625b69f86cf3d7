package io.glassbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class WorkshopDatabaseTest {

    @Test
    void aPoolThatWaitedTooLongNamesTheSettingToRaiseForTheDatabaseInUse() {
        RuntimeException slowH2 = new RuntimeException("Unable to obtain connection from database",
                new SQLException("Acquisition timeout while waiting for new connection"));

        assertThat(WorkshopDatabase.fix(false, slowH2))
                .contains("QUARKUS_DATASOURCE_H2_JDBC_ACQUISITION_TIMEOUT=180S")
                .contains("-Dquarkus.datasource.h2.jdbc.acquisition-timeout=180S");
        assertThat(WorkshopDatabase.fix(true, slowH2)).contains("QUARKUS_DATASOURCE_POSTGRESQL_JDBC_ACQUISITION_TIMEOUT");
    }

    @Test
    void otherFailuresKeepTheirFix() {
        RuntimeException refused = new RuntimeException("Connection to 127.0.0.1:5432 refused");

        assertThat(WorkshopDatabase.fix(true, refused)).startsWith("check glassbox.database.url");
        assertThat(WorkshopDatabase.fix(false, refused)).startsWith("check that the data dir is writable");
    }
}
