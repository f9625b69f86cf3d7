package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.client.TerminalClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a learner reading Chinese gets a failed check in Chinese (what it expected, what it saw, and the
 * mistake it recognised from what they typed), over HTTP and pushed to a Chinese window, while an English window
 * of the same session gets the same check in English, unchanged.
 */
@QuarkusTest
@Tag("kernel")
class CheckLanguageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    private String id;
    private String token;
    private TerminalClient chinese;
    private TerminalClient english;

    @AfterEach
    void cleanUp() {
        for (TerminalClient client : new TerminalClient[] {chinese, english}) {
            if (client != null) {
                client.close();
            }
        }
        if (id != null) {
            given().header("Authorization", "Bearer " + token).delete("/api/sessions/" + id);
        }
    }

    @Test
    void aFailingCheckWalkedInChineseNamesTheMistakeInChinese() {
        Response created = given().contentType(ContentType.JSON).body("{\"lesson\":\"02-uts-namespace\"}")
                .post("/api/sessions");
        created.then().statusCode(201);
        id = created.path("id");
        token = created.path("token");
        String url = created.path("terminalUrl");
        // The window opened last takes control of the terminal (the other one watches): the Chinese one types.
        english = TerminalClient.open(base, url);
        english.awaitMessage("hello", WAIT);
        chinese = TerminalClient.open(base, url + "&lang=zh-CN");
        chinese.awaitText("# ", WAIT);

        // The common mistake of stage 1: a new shell, but no --uts, so it still shares the lab host's hostname.
        long mark = chinese.received();
        chinese.type("unshare --ipc bash\r");
        chinese.awaitTextAfter(mark, "# ", WAIT);

        Response zh = given().header("Authorization", "Bearer " + token).queryParam("lang", "zh-CN")
                .post("/api/sessions/" + id + "/check");
        zh.then().statusCode(200).body("language", equalTo("zh-CN")).body("passed", equalTo(false))
                .body("results[0].id", equalTo("namespace"))
                .body("results[0].expected", equalTo("一个不同于实验主机的 UTS 命名空间"))
                .body("results[0].observed", startsWith("shell 仍在实验主机的命名空间里（uts:["))
                .body("results[0].message", startsWith("期望一个不同于实验主机的 UTS 命名空间；shell 仍在"))
                .body("results[0].mistakes[0].id", equalTo("unshare-without-uts"))
                .body("results[0].mistakes[0].hint", containsString("你的 `unshare` 命令里没有 `--uts`"))
                .body("results[0].translations.en.expected", equalTo("a UTS namespace different from the lab host's"))
                .body("results[0].translations.zh-CN.mistakes[0].hint", containsString("unshare --uts bash"));

        // English stays as it was, with the mistake in English.
        given().header("Authorization", "Bearer " + token).post("/api/sessions/" + id + "/check").then()
                .statusCode(200).body("language", equalTo("en"))
                .body("results[0].expected", equalTo("a UTS namespace different from the lab host's"))
                .body("results[0].observed", startsWith("the shell is still in the lab host's (uts:["))
                .body("results[0].mistakes[0].hint", containsString("Your `unshare` line names no `--uts`"));

        // Pushed to both windows, each in its own language (the button's checks, not the automatic ones).
        JsonNode pushedZh = json(chinese.awaitMessage("check", m -> !json(m).path("auto").asBoolean(), WAIT));
        assertThat(pushedZh.path("language").asText()).isEqualTo("zh-CN");
        assertThat(pushedZh.path("results").get(0).path("observed").asText()).startsWith("shell 仍在实验主机的命名空间里");
        assertThat(pushedZh.path("results").get(0).path("mistakes").get(0).path("hint").asText()).contains("先 `exit`");
        JsonNode pushedEn = json(english.awaitMessage("check", m -> !json(m).path("auto").asBoolean(), WAIT));
        assertThat(pushedEn.path("language").asText()).isEqualTo("en");
        assertThat(pushedEn.path("results").get(0).path("message").asText())
                .startsWith("expected a UTS namespace different from the lab host's; the shell is still in");
    }

    @Test
    void aCheckWithoutAMistakeHasNoneAndTheRightLanguageFromAcceptLanguage() {
        Response created = given().contentType(ContentType.JSON).body("{\"lesson\":\"02-uts-namespace\"}")
                .post("/api/sessions");
        id = created.path("id");
        token = created.path("token");
        chinese = TerminalClient.open(base, created.path("terminalUrl"));
        chinese.awaitText("# ", WAIT);
        given().header("Authorization", "Bearer " + token).header("Accept-Language", "zh-CN,zh;q=0.9")
                .post("/api/sessions/" + id + "/check").then().statusCode(200).body("language", equalTo("zh-CN"))
                .body("results[0].expected", equalTo("一个不同于实验主机的 UTS 命名空间"))
                .body("results[0].mistakes.size()", equalTo(0));
    }

    /**
     * The headline mistake of lesson 03, in English: `unshare -p` without `--fork` starts a shell that is not in
     * the new namespace. The line that made the mistake started the very shell the learner is in now, and it is
     * already in the history the check reads.
     */
    @Test
    void unshareWithoutForkIsNamedFromTheLineThatStartedTheShell() {
        Response created = given().contentType(ContentType.JSON).body("{\"lesson\":\"03-pid-namespace\"}")
                .post("/api/sessions");
        created.then().statusCode(201).body("stage", equalTo("new-pid-namespace"));
        id = created.path("id");
        token = created.path("token");
        english = TerminalClient.open(base, created.path("terminalUrl"));
        english.awaitText("# ", WAIT);
        long mark = english.received();
        english.type("unshare -p bash\r");
        english.awaitTextAfter(mark, "# ", WAIT);
        given().header("Authorization", "Bearer " + token).post("/api/sessions/" + id + "/check").then()
                .statusCode(200).body("passed", equalTo(false))
                .body("results.find { it.id == 'pid' }.observed", containsString("in the lab host's PID namespace"))
                .body("results.find { it.id == 'pid' }.mistakes[0].id", equalTo("pid-without-fork"))
                .body("results.find { it.id == 'pid' }.mistakes[0].hint", containsString("without `--fork`"))
                .body("results.find { it.id == 'process-count' }.mistakes.id", org.hamcrest.Matchers.hasItem(
                        "pid-without-mount-proc"));
    }
}
