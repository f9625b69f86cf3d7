package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.LESSON;
import static io.glassbox.web.WorkshopFixture.OTHER_LESSON;
import static io.glassbox.web.WorkshopFixture.assertError;
import static io.glassbox.web.WorkshopFixture.json;
import static io.glassbox.web.WorkshopFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workshops for their staff (docs/workshop-api.md, "Workshops (staff)"): create, list, staff, end, delete. */
@QuarkusTest
class WorkshopApiTest {

    @Inject
    Engine engine;

    private Staff owner;

    @BeforeEach
    void signIn() {
        owner = WorkshopFixture.instructor(engine);
    }

    @Test
    void aNewWorkshopHasAJoinCodeAndItsLessonsInOrder() {
        String title = unique("Containers from scratch");
        Instant ends = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Response created = owner.json(Map.of("title", "  " + title + "  ", "lessons", List.of(OTHER_LESSON, LESSON),
                "language", "zh-CN", "endsAt", ends.toString())).post("/api/workshops");
        created.then().statusCode(201).body("title", equalTo(title)).body("lessons", contains(OTHER_LESSON, LESSON))
                .body("language", equalTo("zh-CN")).body("code", matchesPattern("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}"))
                .body("owner", equalTo(owner.username())).body("state", equalTo("open")).body("learners", equalTo(0))
                .body("endedAt", nullValue()).body("endsAt", notNullValue());
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/workshops/" + id);
        assertThat((String) created.path("joinUrl")).isEqualTo("/join/" + created.path("code"));
        owner.given().get("/api/workshops/" + id).then().statusCode(200).body("title", equalTo(title))
                .body("lessons", contains(OTHER_LESSON, LESSON));

        Response scheduled = owner.json(Map.of("title", unique("Later"), "lessons", List.of(LESSON),
                "startsAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())).post("/api/workshops");
        scheduled.then().statusCode(201).body("state", equalTo("scheduled")).body("language", equalTo("en"));
    }

    @Test
    void anInvalidWorkshopIsRefusedWithAMessage() {
        Map<String, Object> good = Map.of("title", unique("Valid"), "lessons", List.of(LESSON), "language", "en");
        refused(with(good, "title", null), "title");
        refused(with(good, "title", "   "), "title");
        refused(with(good, "title", "x".repeat(201)), "title");
        refused(with(good, "lessons", List.of()), "lessons");
        refused(with(good, "lessons", null), "lessons");
        refused(with(good, "lessons", List.of(LESSON, "99-no-such-lesson")), "99-no-such-lesson");
        refused(with(good, "lessons", List.of(LESSON, OTHER_LESSON, LESSON)), "twice");
        refused(with(good, "language", "fr"), "language");
        refused(with(good, "language", "EN"), "language");
        Instant now = Instant.now();
        refused(with(with(good, "startsAt", now.plusSeconds(3600).toString()), "endsAt", now.toString()), "endsAt");
        assertError(owner.given().contentType(ContentType.JSON).body("{\"title\": ").post("/api/workshops"), 400,
                "malformed-json");
        assertError(owner.given().contentType(ContentType.JSON).post("/api/workshops"), 400, "invalid-request");
        owner.given().get("/api/workshops").then().body("title", not(hasItem(good.get("title"))));
    }

    private void refused(Map<String, Object> body, String messagePart) {
        Response response = owner.json(body).post("/api/workshops");
        assertError(response, 400, "invalid-request");
        response.then().body("message", containsString(messagePart));
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    @Test
    void staffSeeOnlyTheWorkshopsTheyOwnOrWereAddedTo() {
        Staff other = WorkshopFixture.newStaff(engine, "instructor");
        Staff assistant = WorkshopFixture.newStaff(engine, "assistant");
        Workshop mine = WorkshopFixture.newWorkshop(owner);
        Workshop theirs = WorkshopFixture.newWorkshop(other);

        owner.given().get("/api/workshops").then().statusCode(200).body("id", hasItem(mine.id()))
                .body("id", not(hasItem(theirs.id())));
        other.given().get("/api/workshops").then().statusCode(200).body("id", contains(theirs.id()));
        assistant.given().get("/api/workshops").then().statusCode(200).body("size()", equalTo(0));
        assertError(assistant.given().get(mine.path("")), 404, "workshop-not-found");

        WorkshopFixture.addStaff(owner, mine, assistant);
        WorkshopFixture.addStaff(owner, mine, assistant); // twice is harmless
        assistant.given().get("/api/workshops").then().body("id", contains(mine.id()));
        assistant.given().get(mine.path("")).then().statusCode(200).body("owner", equalTo(owner.username()))
                .body("staff", contains(assistant.username()));
        owner.given().get(mine.path("/roster")).then().statusCode(200).body("workshop.staff", contains(assistant.username()));
        assertError(owner.json(Map.of("username", unique("nobody"))).post(mine.path("/staff")), 400, "invalid-request");
    }

    @Test
    void onlyTheOwnerAddsStaff() {
        Staff colleague = WorkshopFixture.newStaff(engine, "instructor");
        Staff assistant = WorkshopFixture.newStaff(engine, "assistant");
        Staff outsider = WorkshopFixture.newStaff(engine, "instructor");
        Staff latecomer = WorkshopFixture.newStaff(engine, "assistant");
        Workshop workshop = WorkshopFixture.newWorkshop(owner);
        WorkshopFixture.addStaff(owner, workshop, colleague);
        WorkshopFixture.addStaff(owner, workshop, assistant);

        Map<String, String> body = Map.of("username", latecomer.username());
        assertError(colleague.json(body).post(workshop.path("/staff")), 403, "instructor-only");
        assertError(assistant.json(body).post(workshop.path("/staff")), 403, "instructor-only");
        assertError(outsider.json(body).post(workshop.path("/staff")), 404, "workshop-not-found");
        // Nor does an outsider learn which accounts exist through a workshop they cannot see.
        assertError(outsider.json(Map.of("username", unique("nobody"))).post(workshop.path("/staff")), 404,
                "workshop-not-found");
        assertError(latecomer.given().get(workshop.path("")), 404, "workshop-not-found");
    }

    @Test
    void anEndedWorkshopRefusesLearners() {
        Workshop workshop = WorkshopFixture.newWorkshop(owner);
        Learner learner = WorkshopFixture.join(workshop, "Ada");
        learner.given().get("/api/me").then().statusCode(200);
        Staff assistant = WorkshopFixture.newStaff(engine, "assistant");
        WorkshopFixture.addStaff(owner, workshop, assistant);
        assertError(assistant.json("{}").post(workshop.path("/end")), 403, "instructor-only");
        // A cross-site form cannot end it: changes are JSON only (docs/workshop-api.md).
        owner.given().contentType(ContentType.URLENC).formParam("x", "1").post(workshop.path("/end")).then()
                .statusCode(415);
        owner.given().get(workshop.path("")).then().body("state", equalTo("open"));

        owner.json("{}").post(workshop.path("/end")).then().statusCode(200).body("state", equalTo("ended"))
                .body("endedAt", notNullValue()).body("id", equalTo(workshop.id()));
        owner.given().get(workshop.path("")).then().statusCode(200).body("state", equalTo("ended"));
        assertError(json(Map.of("code", workshop.code(), "name", "Grace")).post("/api/workshops/join"), 410,
                "workshop-ended");
        assertError(learner.given().get("/api/me"), 410, "workshop-ended");
        assertError(learner.given().contentType(ContentType.JSON).body(Map.of("lesson", LESSON)).post("/api/sessions"),
                410, "workshop-ended");
        // Staff still see it, and ending it again changes nothing.
        owner.json("{}").post(workshop.path("/end")).then().statusCode(200).body("state", equalTo("ended"));
        owner.given().get(workshop.path("/roster")).then().statusCode(200).body("learners.name", contains("Ada"));
    }

    @Test
    void onlyTheOwningInstructorDeletesAWorkshopAndItsLearners() {
        Staff colleague = WorkshopFixture.newStaff(engine, "instructor");
        Staff assistant = WorkshopFixture.newStaff(engine, "assistant");
        Staff outsider = WorkshopFixture.newStaff(engine, "instructor");
        Workshop workshop = WorkshopFixture.newWorkshop(owner);
        WorkshopFixture.addStaff(owner, workshop, colleague);
        WorkshopFixture.addStaff(owner, workshop, assistant);
        Learner learner = WorkshopFixture.join(workshop, "Linus");

        assertError(colleague.given().delete(workshop.path("")), 403, "instructor-only");
        assertError(assistant.given().delete(workshop.path("")), 403, "instructor-only");
        assertError(outsider.given().delete(workshop.path("")), 404, "workshop-not-found");
        assertError(io.restassured.RestAssured.given().delete(workshop.path("")), 401, "staff-sign-in-needed");
        owner.given().get(workshop.path("")).then().statusCode(200).body("state", equalTo("open"));
        learner.given().get("/api/me").then().statusCode(200);

        owner.given().delete(workshop.path("")).then().statusCode(204);
        assertError(owner.given().get(workshop.path("")), 404, "workshop-not-found");
        assertError(owner.given().delete(workshop.path("")), 404, "workshop-not-found");
        owner.given().get("/api/workshops").then().body("id", not(hasItem(workshop.id())));
        assertError(learner.given().get("/api/me"), 401, "learner-key-unknown");
        assertError(json(Map.of("code", workshop.code(), "name", "Ken")).post("/api/workshops/join"), 404,
                "workshop-not-found");
    }
}
