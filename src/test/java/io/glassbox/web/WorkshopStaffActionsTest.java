package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.glassbox.web.WorkshopFixture.FIRST_STAGE;
import static io.glassbox.web.WorkshopFixture.LESSON;
import static io.glassbox.web.WorkshopFixture.SECOND_STAGE;
import static io.glassbox.web.WorkshopFixture.WAIT;
import static io.glassbox.web.WorkshopFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.client.Closed;
import io.glassbox.client.TerminalClient;
import io.glassbox.web.WorkshopFixture.LabSession;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What staff do to a learner's lab host (docs/workshop-api.md): reset, fast-forward, end, broadcast, each seen
 * by the learner's terminal WebSocket, on real lab hosts. An assistant does them all, as assistants may.
 */
@QuarkusTest
@Tag("kernel")
class WorkshopStaffActionsTest extends WorkshopLabTest {

    private Staff assistant;

    @BeforeEach
    void anAssistant() {
        assistant = WorkshopFixture.newAssistant(engine, owner, workshop);
    }

    private String learnerPath(Learner learner, String action) {
        return workshop.path("/learners/" + learner.id() + action);
    }

    @Test
    void aResetClosesTheTerminalWith4000AndTheNextStartIsAFreshLabHost() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        LabSession before = lab.start(ada, LESSON);
        TerminalClient terminal = lab.shell(before);

        assistant.json("{}").post(learnerPath(ada, "/reset")).then().statusCode(204);
        Closed close = terminal.awaitClose(WAIT);
        assertThat(close.code()).isEqualTo(4000);
        assertThat(close.reason()).isEqualTo("reset");
        assertError(before.given().get("/api/sessions/" + before.id()), 404, "session-not-found");

        LabSession after = lab.start(ada, LESSON);
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.id()).isNotEqualTo(before.id());
        after.response().then().body("stage", equalTo(FIRST_STAGE)).body("fastForward", nullValue());
        lab.shell(after);
        // A reset with no lab host running does nothing, and says so with 204.
        assistant.json("{}").post(learnerPath(WorkshopFixture.join(workshop, "Idle"), "/reset")).then().statusCode(204);
    }

    @Test
    void aFastForwardSkipsEarlierStagesAndRebuildsTheLabHostThere() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        LabSession before = lab.start(ada, LESSON);
        TerminalClient terminal = lab.shell(before);

        assistant.json(Map.of("lesson", LESSON, "stage", SECOND_STAGE)).post(learnerPath(ada, "/fast-forward")).then()
                .statusCode(204);
        Closed close = terminal.awaitClose(WAIT);
        assertThat(close.code()).isEqualTo(4000);
        assertThat(close.reason()).isEqualTo("reset");
        owner.given().get(workshop.path("/roster")).then().statusCode(200)
                .body("learners[0].skipped", contains(LESSON + "/" + FIRST_STAGE))
                .body("learners[0].passed.size()", equalTo(0))
                .body("learners[0].lesson", equalTo(LESSON)).body("learners[0].stage", equalTo(SECOND_STAGE));
        String csv = owner.given().get(workshop.path("/roster.csv")).then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")[1]).contains(",skipped,,");
        ada.given().get("/api/me").then().body("current.stage", equalTo(SECOND_STAGE))
                .body("workshop.lessons[0].passed", contains(FIRST_STAGE));

        // The page starts the lesson again: a new lab host, brought to the learner's stage by replaying stage 1.
        LabSession after = lab.start(ada, LESSON);
        assertThat(after.status()).isEqualTo(201);
        after.response().then().body("stage", equalTo(SECOND_STAGE)).body("fastForward.total", equalTo(1));
        TerminalClient replay = lab.socket(after.terminalUrl(), Map.of());
        WorkshopFixture.await(() -> "ready".equals(owner.given().get(workshop.path("/roster")).path(
                "learners[0].fastForward.phase")), WAIT, "the fast-forward to finish, as the roster shows");
        owner.given().get(workshop.path("/roster")).then().body("learners[0].fastForward.done", equalTo(1))
                .body("learners[0].fastForward.total", equalTo(1)).body("learners[0].session.id", equalTo(after.id()));
        assertThat(json(replay.awaitMessage("fast-forward", WAIT)).path("total").asInt()).isEqualTo(1);

        // Back to the first stage: later passes are forgotten, nothing is skipped any more.
        owner.json(Map.of("lesson", LESSON, "stage", FIRST_STAGE)).post(learnerPath(ada, "/fast-forward")).then()
                .statusCode(204);
        assertThat(replay.awaitClose(WAIT).code()).isEqualTo(4000);
        owner.given().get(workshop.path("/roster")).then().body("learners[0].skipped.size()", equalTo(0))
                .body("learners[0].stage", equalTo(FIRST_STAGE)).body("learners[0].session", nullValue());
    }

    @Test
    void endingALearnersLabHostClosesTheTerminalWith4001() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        LabSession session = lab.start(ada, LESSON);
        TerminalClient terminal = lab.shell(session);
        assistant.json("{}").post(learnerPath(ada, "/end")).then().statusCode(204);
        Closed close = terminal.awaitClose(WAIT);
        assertThat(close.code()).isEqualTo(4001);
        assertThat(close.reason()).isEqualTo("ended by staff");
        owner.given().get(workshop.path("/roster")).then().body("learners[0].session", nullValue());
    }

    @Test
    void aBroadcastReachesEveryLearnersTerminalAndNoOtherWorkshops() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        Workshop elsewhere = WorkshopFixture.newWorkshop(owner);
        Learner stranger = WorkshopFixture.join(elsewhere, "Stranger");
        TerminalClient adas = lab.shell(lab.start(ada, LESSON));
        TerminalClient strangers = lab.shell(lab.start(stranger, LESSON));

        assistant.json(Map.of("message", "Ten minutes left")).post(workshop.path("/broadcast")).then().statusCode(204);
        JsonNode broadcast = json(adas.awaitMessage("broadcast", WAIT));
        assertThat(broadcast.path("message").asText()).isEqualTo("Ten minutes left");
        assertThat(broadcast.path("at").asText()).isNotEmpty();
        ada.given().get("/api/me").then().body("workshop.announcement.message", equalTo("Ten minutes left"));

        owner.json("{}").post(workshop.path("/end")).then().statusCode(200);
        assertThat(adas.awaitClose(WAIT).code()).isEqualTo(4001);
        assertThat(json(strangers.messages())).noneMatch(m -> m.path("type").asText().equals("broadcast"));
        assertThat(strangers.closeReason()).isNull();
    }
}
