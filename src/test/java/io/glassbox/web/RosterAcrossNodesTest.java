package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.LESSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.glassbox.workshop.model.LabHost;
import io.glassbox.workshop.store.Database;
import io.glassbox.workshop.store.LabHostStore;
import io.quarkus.agroal.DataSource;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The roster shows a learner's lab host that another node runs, from the lab_hosts table that node keeps (here
 * written as that node would), and not once that node stopped vouching for it. MultiNodeIT proves it with real
 * nodes; this proves the rules.
 */
@QuarkusTest
class RosterAcrossNodesTest {

    @Inject
    Engine engine;

    @Inject
    @DataSource("h2")
    AgroalDataSource h2;

    @Test
    void aLabHostOnAnotherNodeShowsWithItsWatchLinkUntilItsNodeFallsSilent() {
        Staff owner = WorkshopFixture.instructor(engine);
        Workshop workshop = WorkshopFixture.newWorkshop(owner, LESSON);
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        Learner bob = WorkshopFixture.join(workshop, "Bob");
        LabHostStore elsewhere = new LabHostStore(new Database(h2));
        Instant now = Instant.now();
        String adas = "0123456789abcdef0123456789abcdef-glassbox-7";
        elsewhere.put(List.of(
                new LabHost(ada.id(), adas, "glassbox-7", "running", "/api/sessions/" + adas + "/terminals/1?token=w",
                        now.minusSeconds(42), now),
                // A lost node's row: last vouched for five minutes ago.
                new LabHost(bob.id(), "fedcba-glassbox-8", "glassbox-8", "running", "/api/sessions/fedcba-glassbox-8/t",
                        now.minusSeconds(400), now.minusSeconds(300))));

        JsonPath roster = owner.given().get(workshop.path("/roster")).then().statusCode(200).extract().jsonPath();
        assertThat(roster.getString("learners.find { it.name == 'Ada' }.session.id")).isEqualTo(adas);
        assertThat(roster.getString("learners.find { it.name == 'Ada' }.session.watchUrl"))
                .isEqualTo("/api/sessions/" + adas + "/terminals/1?token=w");
        assertThat(roster.getLong("learners.find { it.name == 'Ada' }.session.idleSeconds")).isBetween(42L, 100L);
        assertThat(roster.getString("learners.find { it.name == 'Bob' }.session")).isNull();
    }
}
