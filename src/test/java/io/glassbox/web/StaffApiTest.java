package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.PASSWORD;
import static io.glassbox.web.WorkshopFixture.assertError;
import static io.glassbox.web.WorkshopFixture.json;
import static io.glassbox.web.WorkshopFixture.setCookie;
import static io.glassbox.web.WorkshopFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.Staff;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staff accounts over HTTP (docs/workshop-api.md, "Staff"): setup, sign-in, cookies, who may add accounts. */
@QuarkusTest
class StaffApiTest {

    @Inject
    Engine engine;

    private Staff instructor;

    @BeforeEach
    void firstInstructor() {
        instructor = WorkshopFixture.instructor(engine);
    }

    @Test
    void onceAnInstructorExistsSetupIsRefusedWhateverTheToken() {
        given().get("/api/staff/setup").then().statusCode(200).body("needed", equalTo(false));
        // Once an instructor exists, setup is refused whatever the token, the one that worked included.
        for (String token : new String[] {WorkshopFixture.fileToken(), "not-the-setup-token"}) {
            assertError(json(Map.of("token", token, "username", unique("late"), "password", PASSWORD))
                    .post("/api/staff/setup"), 409, "conflict");
        }
        assertError(given().contentType(ContentType.JSON).post("/api/staff/setup"), 400, "invalid-request");
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndWrongPasswordsAreRefused() {
        Response ok = json(Map.of("username", instructor.username(), "password", PASSWORD)).post("/api/staff/login");
        ok.then().statusCode(200).body("username", equalTo(instructor.username())).body("role", equalTo("instructor"));
        String cookie = setCookie(ok, Cookies.STAFF);
        assertThat(cookie).isNotNull().containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/").containsPattern("(?i)Max-Age=43200");

        Response wrong = json(Map.of("username", instructor.username(), "password", PASSWORD + "x"))
                .post("/api/staff/login");
        assertError(wrong, 401, "sign-in-failed");
        assertThat(setCookie(wrong, Cookies.STAFF)).isNull();
        assertError(json(Map.of("username", unique("nobody"), "password", PASSWORD)).post("/api/staff/login"), 401,
                "sign-in-failed");
        assertError(json(Map.of("username", instructor.username().toUpperCase())).post("/api/staff/login"), 401,
                "sign-in-failed");
        assertError(json("{}").post("/api/staff/login"), 401, "sign-in-failed");
        // A form cannot sign in (nor do anything else): changes are JSON only.
        given().contentType(ContentType.URLENC).formParam("username", instructor.username())
                .formParam("password", PASSWORD).post("/api/staff/login").then().statusCode(415);
    }

    @Test
    void meNeedsAValidStaffCookie() {
        instructor.given().get("/api/staff/me").then().statusCode(200)
                .body("username", equalTo(instructor.username())).body("role", equalTo("instructor"));
        assertError(given().get("/api/staff/me"), 401, "staff-sign-in-needed");
        for (String bad : badCookies(instructor)) {
            assertError(given().cookie(Cookies.STAFF, bad).get("/api/staff/me"), 401, "staff-sign-in-needed");
        }
        // A learner's key is not a staff credential, even under the staff cookie's name.
        WorkshopFixture.Learner learner = WorkshopFixture.join(WorkshopFixture.newWorkshop(instructor), "Me Test");
        assertError(learner.given().get("/api/staff/me"), 401, "staff-sign-in-needed");
        assertError(given().cookie(Cookies.STAFF, learner.cookie()).get("/api/staff/me"), 401, "staff-sign-in-needed");
    }

    @Test
    void logoutClearsTheCookieAndEndsTheSignInOnTheServer() {
        Staff again = WorkshopFixture.signIn(instructor.username());
        Response out = again.json("{}").post("/api/staff/logout");
        out.then().statusCode(204);
        assertThat(setCookie(out, Cookies.STAFF)).containsPattern("(?i)Max-Age=0");
        assertError(again.given().get("/api/staff/me"), 401, "staff-sign-in-needed");
        instructor.given().get("/api/staff/me").then().statusCode(200);
    }

    @Test
    void onlyInstructorsListAndAddAccounts() {
        Staff assistant = WorkshopFixture.newStaff(engine, "assistant");
        assistant.given().get("/api/staff/me").then().statusCode(200).body("role", equalTo("assistant"));
        instructor.given().get("/api/staff").then().statusCode(200)
                .body("username", hasItems(instructor.username(), assistant.username()))
                .body("find { it.username == '" + assistant.username() + "' }.role", equalTo("assistant"));

        assertError(assistant.given().get("/api/staff"), 403, "instructor-only");
        String sneaky = unique("sneaky");
        assertError(assistant.json(Map.of("username", sneaky, "password", PASSWORD, "role", "instructor"))
                .post("/api/staff"), 403, "instructor-only");
        assertError(assistant.json(Map.of("username", sneaky, "password", PASSWORD)).post("/api/staff"), 403,
                "instructor-only");
        Map<String, String> account = Map.of("username", unique("anon"), "password", PASSWORD, "role", "assistant");
        assertError(json(account).post("/api/staff"), 401, "staff-sign-in-needed");
        assertError(given().get("/api/staff"), 401, "staff-sign-in-needed");
        for (String bad : badCookies(instructor)) {
            assertError(given().cookie(Cookies.STAFF, bad).get("/api/staff"), 401, "staff-sign-in-needed");
            assertError(given().cookie(Cookies.STAFF, bad).contentType(ContentType.JSON).body(account)
                    .post("/api/staff"), 401, "staff-sign-in-needed");
        }
        instructor.given().get("/api/staff").then().body("username", not(hasItem(sneaky)))
                .body("username", not(hasItem(account.get("username"))));
    }

    @Test
    void newAccountsAreValidatedAndUsernamesAreUnique() {
        String taken = unique("taken");
        instructor.json(Map.of("username", taken, "password", PASSWORD, "role", "instructor")).post("/api/staff")
                .then().statusCode(201).body("username", equalTo(taken)).body("role", equalTo("instructor"));
        assertError(instructor.json(Map.of("username", taken, "password", PASSWORD, "role", "assistant"))
                .post("/api/staff"), 409, "conflict");
        for (String username : new String[] {"ab", "Alice", "a b c", "x".repeat(33), "bob/../root"}) {
            assertError(instructor.json(Map.of("username", username, "password", PASSWORD)).post("/api/staff"), 400,
                    "invalid-request");
        }
        assertError(instructor.json(Map.of("username", unique("short"), "password", "123456789")).post("/api/staff"),
                400, "invalid-request");
        assertError(instructor.json(Map.of("username", unique("root"), "password", PASSWORD, "role", "admin"))
                .post("/api/staff"), 400, "invalid-request");
        // The new instructor can sign in and has the powers of one.
        Staff second = WorkshopFixture.signIn(taken);
        assertThat(second.role()).isEqualTo("instructor");
        second.given().get("/api/staff").then().statusCode(200);
    }

    /** Cookies that must not sign anyone in: garbage, an unknown session, a known session with a wrong secret. */
    static String[] badCookies(Staff real) {
        String id = real.cookie().substring(0, real.cookie().indexOf('.'));
        return new String[] {"garbage", "0123456789abcdef0123456789abcdef.secret", id + ".wrong-secret", id + ".", "."};
    }
}
