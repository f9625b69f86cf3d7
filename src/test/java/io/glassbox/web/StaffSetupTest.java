package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.PASSWORD;
import static io.glassbox.web.WorkshopFixture.assertError;
import static io.glassbox.web.WorkshopFixture.json;
import static io.glassbox.web.WorkshopFixture.setCookie;
import static io.glassbox.web.WorkshopFixture.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.glassbox.app.Engine;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The very first instructor (docs/workshop-api.md, "Staff"), on a database of its own, so that it does not
 * depend on which test class happened to create the first instructor of the shared one.
 */
@QuarkusTest
@TestProfile(StaffSetupTest.NoInstructorYet.class)
class StaffSetupTest {

    public static class NoInstructorYet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:glassbox-setup;DB_CLOSE_DELAY=-1");
        }
    }

    @Inject
    Engine engine;

    @Test
    void theFirstInstructorNeedsTheRightTokenAndOnlyOnce() {
        given().get("/api/staff/setup").then().statusCode(200).body("needed", equalTo(true));
        String token = engine.classroom().staff().setupToken().orElseThrow();
        String username = unique("first");

        assertError(setUp("not-the-setup-token", username), 403, "setup-token-wrong");
        given().get("/api/staff/setup").then().statusCode(200).body("needed", equalTo(true));

        Response done = setUp(token, username);
        done.then().statusCode(201).body("username", equalTo(username)).body("role", equalTo("instructor"));
        assertThat(setCookie(done, Cookies.STAFF)).as("setup signs the instructor in")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        given().get("/api/staff/setup").then().statusCode(200).body("needed", equalTo(false));
        assertError(setUp(token, unique("second")), 409, "conflict");
    }

    private static Response setUp(String token, String username) {
        return json(Map.of("token", token, "username", username, "password", PASSWORD)).post("/api/staff/setup");
    }
}
