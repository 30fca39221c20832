package dev.workbench.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** PII_MASK's masking, and its holding back of token tails, on event streams built in the test. */
class PiiMaskTest {

    private static final String TEXT = "Write to bob.smith+dev@mail.example.co.uk, pay with 4111 1111 1111 1111 or 5500-0000-0000-0004, "
            + "ref 4111111111111111 and 12345678901234567 (17 digits).";
    private static final String MASKED = "Write to [EMAIL], pay with [CARD] or [CARD], ref [CARD] and 12345678901234567 (17 digits).";

    private static List<AgentEvent> run(List<AgentEvent> events) {
        return PiiMask.apply(Multi.createFrom().iterable(events)).collect().asList().await().indefinitely();
    }

    private static String tokens(List<AgentEvent> events) {
        return events.stream().filter(AgentEvent.Token.class::isInstance).map(e -> ((AgentEvent.Token) e).token())
                .collect(Collectors.joining());
    }

    @Test
    void masksEmailsAndCardNumbers() {
        assertThat(PiiMask.mask(TEXT)).isEqualTo(MASKED);
        assertThat(PiiMask.mask("no pii here: 2026-11-27, 10.0.0.1, user@localhost")).isEqualTo("no pii here: 2026-11-27, 10.0.0.1, user@localhost");
    }

    @Test
    void anEmailSplitOverThreeTokensIsMaskedWhereverTheSplitsFall() {
        String text = "Contact bob@example.com today";
        for (int i = 1; i < text.length(); i++) {
            for (int j = i + 1; j < text.length(); j++) {
                List<AgentEvent> in = List.of(new AgentEvent.Token(text.substring(0, i)), new AgentEvent.Token(text.substring(i, j)),
                        new AgentEvent.Token(text.substring(j)), new AgentEvent.End());
                List<AgentEvent> out = run(in);
                assertThat(tokens(out)).as(i + "," + j).isEqualTo("Contact [EMAIL] today");
                assertThat(out).as("no token carries a piece of the address").noneMatch(e -> e instanceof AgentEvent.Token t
                        && (t.token().contains("bob") || t.token().contains("example") || t.token().contains("@")));
                assertThat(out.get(out.size() - 1)).isInstanceOf(AgentEvent.End.class);
            }
        }
    }

    @Test
    void everySplitOfALongerTextGivesTheMaskedText() {
        for (int size = 1; size <= 9; size++) {
            List<AgentEvent> in = new ArrayList<>();
            for (int at = 0; at < TEXT.length(); at += size) {
                in.add(new AgentEvent.Token(TEXT.substring(at, Math.min(TEXT.length(), at + size))));
                // heartbeats and usage between tokens must not let a held tail go
                in.add(at % 2 == 0 ? new AgentEvent.KeepAlive() : new AgentEvent.Usage(1, 1));
            }
            in.add(new AgentEvent.Content(TEXT));
            assertThat(tokens(run(in))).as("tokens of " + size).isEqualTo(MASKED);
            assertThat(((AgentEvent.Content) run(in).stream().filter(AgentEvent.Content.class::isInstance).findFirst().orElseThrow())
                    .content()).isEqualTo(MASKED);
        }
    }

    @Test
    void textBeforeAToolCallIsReleasedMaskedBeforeIt() throws Exception {
        var arguments = new ObjectMapper().readTree("{\"to\":\"eve@example.org\",\"card\":4111111111111111,\"n\":42}");
        List<AgentEvent> out = run(List.of(new AgentEvent.Token("Mailing eve@exam"), new AgentEvent.Token("ple.org"),
                new AgentEvent.ToolStart("t1", "memory_store", arguments, null),
                new AgentEvent.ToolEnd("t1", "memory_store", "stored for eve@example.org", null, 3, null, arguments),
                new AgentEvent.Error("Provider said: unknown user eve@example.org", null), new AgentEvent.End()));
        assertThat(out.get(0)).isEqualTo(new AgentEvent.Token("Mailing "));
        assertThat(out.get(1)).isEqualTo(new AgentEvent.Token("[EMAIL]"));
        AgentEvent.ToolStart start = (AgentEvent.ToolStart) out.get(2);
        assertThat(start.arguments().toString()).isEqualTo("{\"to\":\"[EMAIL]\",\"card\":\"[CARD]\",\"n\":42}");
        assertThat(((AgentEvent.ToolEnd) out.get(3)).result()).isEqualTo("stored for [EMAIL]");
        assertThat(((AgentEvent.Error) out.get(4)).error()).isEqualTo("Provider said: unknown user [EMAIL]");
    }

    @Test
    void reasoningIsHeldAcrossChunksLikeTokens() {
        List<AgentEvent> out = run(List.of(new AgentEvent.Reasoning("mail jane.doe@exam", null), new AgentEvent.KeepAlive(),
                new AgentEvent.Reasoning("ple.com and 4111 1111 ", null), new AgentEvent.Reasoning("1111 1111 then", null),
                new AgentEvent.Token("Done."), new AgentEvent.End()));
        String reasoning = out.stream().filter(AgentEvent.Reasoning.class::isInstance).map(e -> ((AgentEvent.Reasoning) e).text())
                .collect(Collectors.joining());
        assertThat(reasoning).isEqualTo("mail [EMAIL] and [CARD] then");
        assertThat(out).noneMatch(e -> e instanceof AgentEvent.Reasoning r && (r.text().contains("jane") || r.text().contains("4111")));
        // a delegate's reasoning is its own text: a switch of agent releases the other's tail
        List<AgentEvent> two = run(List.of(new AgentEvent.Reasoning("ask bob@", null), new AgentEvent.Reasoning("x", "developer"),
                new AgentEvent.End()));
        assertThat(two).extracting(e -> e instanceof AgentEvent.Reasoning r ? r.agent() + ":" + r.text() : e.getClass().getSimpleName())
                .containsExactly("null:ask ", "null:bob@", "developer:x", "End");
    }

    @Test
    void aLongRunOfAddressCharactersIsNotHeldWithoutEnd() {
        // 200 KB of base64 with no separator: the unbounded pattern took minutes on this (quadratic)
        String blob = "QUJD".repeat(50_000);
        assertThat(PiiMask.mask(blob + " x@example.org")).isEqualTo(blob + " [EMAIL]");
        List<AgentEvent> in = new ArrayList<>();
        for (int at = 0; at < 20_000; at += 100) {
            in.add(new AgentEvent.Token(blob.substring(at, at + 100)));
        }
        in.add(new AgentEvent.End());
        List<AgentEvent> out = run(in);
        assertThat(out).as("released while streaming, not held to the end").hasSizeGreaterThan(10);
        assertThat(tokens(out)).isEqualTo(blob.substring(0, 20_000));
    }
}
