package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.glassbox.web.WorkshopFixture.FIRST_STAGE;
import static io.glassbox.web.WorkshopFixture.LESSON;
import static io.glassbox.web.WorkshopFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.client.Closed;
import io.glassbox.client.TerminalClient;
import io.glassbox.web.WorkshopFixture.LabSession;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dashboard's live feed, ws /api/workshops/{id}/live (docs/workshop-api.md, "The live feed"). */
@QuarkusTest
@Tag("kernel")
class WorkshopLiveTest extends WorkshopLabTest {

    /** "within a couple of seconds" */
    private static final Duration LIVE = Duration.ofSeconds(3);

    @Test
    void theRosterComesFirstThenEachLearnersRowAsItChanges() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        TerminalClient feed = lab.live(workshop, owner);
        JsonNode roster = json(feed.awaitMessage("roster", LIVE));
        assertThat(json(feed.messages().get(0)).path("type").asText()).isEqualTo("roster");
        assertThat(roster.path("workshop").path("id").asText()).isEqualTo(workshop.id());
        assertThat(roster.path("stages").get(0).path("lesson").asText()).isEqualTo(LESSON);
        assertThat(roster.path("stages").get(0).path("stage").asText()).isEqualTo(FIRST_STAGE);
        assertThat(roster.path("stuckAfterSeconds").asLong()).isEqualTo(600);
        assertThat(roster.path("learners").get(0).path("name").asText()).isEqualTo("Ada");

        // Joining is a change of the roster too.
        WorkshopFixture.join(workshop, "Grace");
        awaitRow(feed, row -> row.path("name").asText().equals("Grace"), "Grace's row after she joined");

        LabSession session = lab.start(ada, LESSON);
        awaitRow(feed, row -> row.path("id").asText().equals(ada.id())
                && row.path("session").path("id").asText().equals(session.id()), "Ada's row with her lab host");
        session.given().contentType(ContentType.JSON).body(Map.of("stage", FIRST_STAGE, "hint", 0))
                .post("/api/sessions/" + session.id() + "/hint").then().statusCode(204);
        JsonNode row = awaitRow(feed, r -> r.path("id").asText().equals(ada.id()) && r.path("hintsUsed").asInt() == 1,
                "Ada's row after a hint");
        assertThat(row.path("lesson").asText()).isEqualTo(LESSON);
        assertThat(row.path("stage").asText()).isEqualTo(FIRST_STAGE);
        assertThat(row.path("session").path("watchUrl").asText()).contains("/api/sessions/" + session.id() + "/terminals/1");

        // A workshop ended by hand is announced, and its learners' lab hosts end.
        owner.json("{}").post(workshop.path("/end")).then().statusCode(200);
        JsonNode ended = awaitMessage(feed, m -> m.path("type").asText().equals("workshop"), "the ended workshop");
        assertThat(ended.path("workshop").path("state").asText()).isEqualTo("ended");
        awaitRow(feed, r -> r.path("id").asText().equals(ada.id()) && r.path("session").isNull(), "Ada's ended lab host");
        assertThat(feed.closeReason()).isNull();
    }

    @Test
    void anAssistantOfTheWorkshopMayWatchIt() {
        Staff assistant = WorkshopFixture.newAssistant(engine, owner, workshop);
        TerminalClient feed = lab.live(workshop, assistant);
        assertThat(json(feed.awaitMessage("roster", LIVE)).path("workshop").path("staff").get(0).asText())
                .isEqualTo(assistant.username());
        WorkshopFixture.join(workshop, "Hedy");
        awaitRow(feed, row -> row.path("name").asText().equals("Hedy"), "Hedy's row");
    }

    @Test
    void theFeedIsRefusedWith1008ToAnyoneButTheWorkshopsStaff() {
        Staff other = WorkshopFixture.newStaff(engine, "instructor");
        Staff assistantElsewhere = WorkshopFixture.newStaff(engine, "assistant");
        Learner learner = WorkshopFixture.join(workshop, "Ada");
        String cookie = Cookies.STAFF + "=";
        List<Map<String, String>> refused = List.of(Map.of(),
                Map.of("Cookie", cookie + "garbage"),
                Map.of("Cookie", cookie + owner.cookie().substring(0, owner.cookie().indexOf('.')) + ".wrong"),
                Map.of("Cookie", cookie + other.cookie()),
                Map.of("Cookie", cookie + assistantElsewhere.cookie()),
                Map.of("Cookie", Cookies.LEARNER + "=" + learner.cookie()),
                Map.of("Cookie", cookie + owner.cookie(), "Origin", "http://evil.example"));
        for (Map<String, String> headers : refused) {
            assertRefused(workshop.path("/live"), headers);
        }
        assertRefused("/api/workshops/0123456789abcdef0123456789abcdef/live", Map.of("Cookie", cookie + owner.cookie()));
        // The owner's own cookie, among others, is let in.
        TerminalClient feed = lab.socket(workshop.path("/live"),
                Map.of("Cookie", "theme=dark; " + cookie + owner.cookie() + "; other=1"));
        feed.awaitMessage("roster", LIVE);
    }

    private void assertRefused(String path, Map<String, String> headers) {
        TerminalClient feed = lab.socket(path, headers);
        Closed close = feed.awaitClose(WAIT);
        assertThat(close.code()).as("close code for " + headers).isEqualTo(1008);
        assertThat(feed.messages()).as("messages before the refusal, with " + headers).isEmpty();
    }

    private static JsonNode awaitRow(TerminalClient feed, Predicate<JsonNode> row, String what) {
        return awaitMessage(feed, m -> m.path("type").asText().equals("learner") && row.test(m.path("learner")), what)
                .path("learner");
    }

    private static JsonNode awaitMessage(TerminalClient feed, Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + LIVE.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode message : json(feed.messages())) {
                if (match.test(message)) {
                    return message;
                }
            }
            WorkshopFixture.sleep(50);
        }
        throw new AssertionError("no " + what + " on the live feed within " + LIVE + "; got " + feed.messages());
    }
}
