package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.FIRST_STAGE;
import static io.glassbox.web.WorkshopFixture.LESSON;
import static io.glassbox.web.WorkshopFixture.SECOND_STAGE;
import static io.glassbox.web.WorkshopFixture.assertError;
import static io.glassbox.web.WorkshopFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call which staff endpoint of a workshop (docs/workshop-api.md, "Workshops (staff)"): nobody without a
 * valid staff cookie (401), staff who neither own nor help with the workshop are not told it exists (404), and
 * assistants may not do what only instructors may (403). Each refusal is a JSON error and changes nothing.
 */
@QuarkusTest
class WorkshopAccessTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Engine engine;

    private Staff owner;
    private Staff assistant;
    private Staff outsider;
    private Workshop workshop;
    private Learner learner;

    /** One endpoint: method, path, JSON body (null: none) and whether only instructors may call it. */
    private record Endpoint(String method, String path, Object body, boolean instructorOnly) {

        Response call(RequestSpecification request) {
            RequestSpecification r = body == null ? request : request.contentType(ContentType.JSON).body(body);
            return r.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void aWorkshopWithStaffAndALearner() {
        owner = WorkshopFixture.instructor(engine);
        workshop = WorkshopFixture.newWorkshop(owner);
        assistant = WorkshopFixture.newAssistant(engine, owner, workshop);
        outsider = WorkshopFixture.newStaff(engine, "instructor");
        learner = WorkshopFixture.join(workshop, "Margaret");
    }

    /** Every staff endpoint of this workshop (the destructive ones last). */
    private List<Endpoint> workshopEndpoints() {
        String learnerPath = workshop.path("/learners/" + learner.id());
        return List.of(
                new Endpoint("GET", workshop.path(""), null, false),
                new Endpoint("GET", workshop.path("/roster"), null, false),
                new Endpoint("GET", workshop.path("/roster.csv"), null, false),
                new Endpoint("POST", workshop.path("/broadcast"), Map.of("message", "Break until 11"), false),
                new Endpoint("POST", learnerPath + "/reset", Map.of(), false),
                new Endpoint("POST", learnerPath + "/fast-forward", Map.of("lesson", LESSON, "stage", SECOND_STAGE), false),
                new Endpoint("POST", learnerPath + "/end", Map.of(), false),
                new Endpoint("POST", workshop.path("/staff"), Map.of("username", outsider.username()), true),
                new Endpoint("POST", workshop.path("/end"), Map.of(), true),
                new Endpoint("DELETE", workshop.path(""), null, true));
    }

    /** The endpoints that need no workshop. */
    private List<Endpoint> otherEndpoints() {
        return List.of(
                new Endpoint("GET", "/api/workshops", null, false),
                new Endpoint("POST", "/api/workshops", Map.of("title", unique("Sneaky"), "lessons", List.of(LESSON)), true),
                new Endpoint("GET", "/api/staff/me", null, false),
                new Endpoint("GET", "/api/staff", null, true),
                new Endpoint("POST", "/api/staff", Map.of("username", unique("sneaky"), "password", "0123456789abc",
                        "role", "instructor"), true));
    }

    private List<Endpoint> every() {
        List<Endpoint> all = new ArrayList<>(workshopEndpoints());
        all.addAll(otherEndpoints());
        return all;
    }

    @Test
    void withoutAStaffCookieEveryEndpointAnswers401() {
        List<Function<RequestSpecification, RequestSpecification>> callers = new ArrayList<>();
        callers.add(r -> r);
        for (String bad : StaffApiTest.badCookies(owner)) {
            callers.add(r -> r.cookie(Cookies.STAFF, bad));
        }
        callers.add(r -> r.cookie(Cookies.LEARNER, learner.cookie())); // a learner is not staff
        callers.add(r -> r.cookie(Cookies.STAFF, learner.cookie()));
        for (Endpoint endpoint : every()) {
            for (var caller : callers) {
                Response response = endpoint.call(caller.apply(given()));
                assertThat(response.statusCode()).as(endpoint + " -> " + response.asString()).isEqualTo(401);
                assertError(response, 401, "staff-sign-in-needed");
            }
        }
        assertUntouched();
    }

    @Test
    void staffWhoNeitherOwnNorHelpAreToldTheWorkshopDoesNotExist() {
        for (Endpoint endpoint : workshopEndpoints()) {
            Response response = endpoint.call(outsider.given());
            assertThat(response.statusCode()).as(endpoint + " -> " + response.asString()).isEqualTo(404);
            assertError(response, 404, "workshop-not-found");
        }
        // The same answer as for a workshop that does not exist at all.
        String missing = "/api/workshops/0123456789abcdef0123456789abcdef";
        assertError(owner.given().get(missing), 404, "workshop-not-found");
        assertError(owner.given().get(missing + "/roster"), 404, "workshop-not-found");
        assertError(owner.given().contentType(ContentType.JSON).body("{}").post(missing + "/end"), 404,
                "workshop-not-found");
        assertUntouched();
    }

    @Test
    void assistantsMayNotDoWhatOnlyInstructorsMay() {
        for (Endpoint endpoint : every()) {
            if (endpoint.instructorOnly()) {
                Response response = endpoint.call(assistant.given());
                assertThat(response.statusCode()).as(endpoint + " -> " + response.asString()).isEqualTo(403);
                assertError(response, 403, "instructor-only");
            }
        }
        assertUntouched();
        assistant.given().get("/api/workshops").then().statusCode(200).body("id", org.hamcrest.Matchers.contains(workshop.id()));
    }

    @Test
    void assistantsMayWatchAndHelp() {
        for (Endpoint endpoint : workshopEndpoints()) {
            if (!endpoint.instructorOnly()) {
                Response response = endpoint.call(assistant.given());
                assertThat(response.statusCode()).as(endpoint + " -> " + response.asString()).isBetween(200, 204);
            }
        }
        owner.given().get(workshop.path("/roster")).then().statusCode(200)
                .body("workshop.announcement.message", equalTo("Break until 11"))
                .body("learners[0].skipped", org.hamcrest.Matchers.contains(LESSON + "/" + FIRST_STAGE))
                .body("learners[0].stage", equalTo(SECOND_STAGE));
    }

    @Test
    void learnersOfAnotherWorkshopAreNotFoundThroughThisOne() {
        Workshop other = WorkshopFixture.newWorkshop(owner);
        Learner stranger = WorkshopFixture.join(other, "Stranger");
        String path = workshop.path("/learners/" + stranger.id());
        for (String action : new String[] {"/reset", "/end", "/fast-forward"}) {
            Response response = owner.given().contentType(ContentType.JSON)
                    .body(Map.of("lesson", LESSON, "stage", SECOND_STAGE)).post(path + action);
            assertError(response, 404, "learner-not-found");
        }
        owner.given().get(other.path("/roster")).then().body("learners[0].skipped.size()", equalTo(0));
        assertError(owner.given().contentType(ContentType.JSON).body("{}")
                .post(workshop.path("/learners/0123456789abcdef0123456789abcdef/reset")), 404, "learner-not-found");
    }

    @Test
    void badStaffRequestsAreRefusedWith400() {
        String ff = workshop.path("/learners/" + learner.id() + "/fast-forward");
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("stage", SECOND_STAGE),
                Map.of("lesson", LESSON), Map.of("lesson", LESSON, "stage", "no-such-stage"),
                Map.of("lesson", WorkshopFixture.NOT_IN_WORKSHOP, "stage", "new-ipc-namespace"))) {
            assertError(owner.given().contentType(ContentType.JSON).body(body).post(ff), 400, "invalid-request");
        }
        for (String message : new String[] {"", "   ", "x".repeat(501)}) {
            assertError(owner.given().contentType(ContentType.JSON).body(Map.of("message", message))
                    .post(workshop.path("/broadcast")), 400, "invalid-request");
        }
        owner.given().contentType(ContentType.JSON).body(Map.of("message", "x".repeat(500)))
                .post(workshop.path("/broadcast")).then().statusCode(204);
        assertError(owner.given().contentType(ContentType.JSON).body("{\"username\":").post(workshop.path("/staff")),
                400, "malformed-json");
    }

    @Test
    void changesAreRefusedUnlessSentAsJson() {
        List<Endpoint> posts = new ArrayList<>(every().stream().filter(e -> e.method().equals("POST")).toList());
        posts.add(new Endpoint("POST", "/api/staff/logout", null, false));
        String staffCookie = Cookies.STAFF + "=" + owner.cookie();
        for (Endpoint endpoint : posts) {
            // What a cross-site form sends, and what a page may send without asking: a body without a type.
            assertError(owner.given().contentType(ContentType.URLENC).body("message=x").post(endpoint.path()), 415,
                    "http-415");
            assertError(owner.given().contentType(ContentType.TEXT).body("{}").post(endpoint.path()), 415, "http-415");
            HttpResponse<String> bare = WorkshopFixture.rawPost(base, endpoint.path(), staffCookie);
            assertThat(bare.statusCode()).as(endpoint + " without a Content-Type -> " + bare.body()).isEqualTo(415);
            assertThat(bare.body()).contains("\"error\":\"http-415\"");
        }
        for (String path : new String[] {"/api/learners/logout", "/api/workshops/join", "/api/learners/resume"}) {
            HttpResponse<String> bare = WorkshopFixture.rawPost(base, path, Cookies.LEARNER + "=" + learner.cookie());
            assertThat(bare.statusCode()).as(path + " without a Content-Type").isEqualTo(415);
        }
        owner.given().get("/api/staff/me").then().statusCode(200);
        assertUntouched();
    }

    /** Nothing a refused caller tried happened. */
    private void assertUntouched() {
        owner.given().get(workshop.path("")).then().statusCode(200).body("state", equalTo("open"))
                .body("staff", org.hamcrest.Matchers.contains(assistant.username()))
                .body("announcement", org.hamcrest.Matchers.nullValue());
        owner.given().get(workshop.path("/roster")).then().body("learners[0].skipped.size()", equalTo(0))
                .body("learners[0].stage", org.hamcrest.Matchers.nullValue());
        learner.given().get("/api/me").then().statusCode(200);
    }
}
