package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TerminalRequestTest {

    @Test
    void readsTokenModeOffsetAndSize() {
        TerminalRequest request = TerminalRequest.parse("token=a%2Bb-_c&mode=watch&since=4096&cols=132&rows=43&lang=zh-CN");
        assertThat(request).isEqualTo(new TerminalRequest("a+b-_c", true, OptionalLong.of(4096), 132, 43, "zh-CN"));
    }

    @Test
    void defaultsAndIgnoresMalformedNumbers() {
        TerminalRequest request = TerminalRequest.parse("token=t&since=-3&cols=x&rows=99999999999999999999");
        assertThat(request).isEqualTo(new TerminalRequest("t", false, OptionalLong.empty(), 0, 0, null));
        assertThat(TerminalRequest.parse(null).token()).isNull();
        assertThat(TerminalRequest.parse("token=%zz").token()).isEqualTo("%zz");
    }

    @Test
    void theFirstOfRepeatedParametersWins() {
        assertThat(TerminalRequest.parse("token=first&token=second").token()).isEqualTo("first");
    }
}
