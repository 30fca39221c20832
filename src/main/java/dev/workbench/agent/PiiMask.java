package dev.workbench.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code PII_MASK}: emails become {@code [EMAIL]} and 16-digit card numbers (plain, or in groups of
 * four split by spaces or dashes) {@code [CARD]}, in everything a run shows its client: tokens,
 * reasoning, tool arguments (keys too) and results, the answer, errors. Tokens and reasoning are
 * masked across their boundaries: the tail of the text so far that could still grow into a match is
 * held back (at most {@link #MAX_HELD} characters) until the next chunk shows it cannot, or until
 * something else happens (a tool call, the answer, an error, the end), so an address split over
 * several chunks is masked all the same.
 */
final class PiiMask {

    /** Bounded, and anchored on no preceding email character, so a long run of such characters costs linear time. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\\.){1,10}[A-Za-z]{2,63}");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9]{4}([ -]?)[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?![0-9])");
    /**
     * The longest tail held back. Longer than any address the pattern matches; a run of address
     * characters longer than this (a base64 blob) is released masked rather than held without end.
     */
    static final int MAX_HELD = 1000;

    private PiiMask() {
    }

    static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return CARD.matcher(EMAIL.matcher(text).replaceAll("[EMAIL]")).replaceAll("[CARD]");
    }

    /** {@code events} with every client-visible text masked; tokens and reasoning held back as needed, never lost. */
    static Multi<AgentEvent> apply(Multi<AgentEvent> events) {
        return Multi.createFrom().deferred(() -> {
            Held held = new Held();
            return events.onItem().transformToIterable(held::accept);
        });
    }

    /** The answer's and the reasoning's text not yet sent, because their tails could still become part of a match. */
    private static final class Held {
        private final StringBuilder tokens = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private String reasoningAgent;

        List<AgentEvent> accept(AgentEvent event) {
            List<AgentEvent> out = new ArrayList<>(3);
            if (event instanceof AgentEvent.Token token) {
                flushReasoning(out);
                String ready = take(tokens, token.token());
                if (!ready.isEmpty()) {
                    out.add(new AgentEvent.Token(mask(ready)));
                }
                return out;
            }
            if (event instanceof AgentEvent.Reasoning chunk) {
                if (!java.util.Objects.equals(chunk.agent(), reasoningAgent)) {
                    flushReasoning(out);
                    reasoningAgent = chunk.agent();
                }
                String ready = take(reasoning, chunk.text());
                if (!ready.isEmpty()) {
                    out.add(new AgentEvent.Reasoning(mask(ready), reasoningAgent));
                }
                return out;
            }
            // A heartbeat, usage or a model switch between two chunks must not split an address in two unmasked halves.
            boolean quiet = event instanceof AgentEvent.KeepAlive || event instanceof AgentEvent.Usage
                    || event instanceof AgentEvent.ModelChosen;
            if (!quiet) {
                flushReasoning(out);
                if (!tokens.isEmpty()) {
                    out.add(new AgentEvent.Token(mask(tokens.toString())));
                    tokens.setLength(0);
                }
            }
            out.add(masked(event));
            return out;
        }

        private void flushReasoning(List<AgentEvent> out) {
            if (!reasoning.isEmpty()) {
                out.add(new AgentEvent.Reasoning(mask(reasoning.toString()), reasoningAgent));
                reasoning.setLength(0);
            }
        }

        /** Appends {@code text} and takes what can go now: all but the tail that could still grow into a match. */
        private static String take(StringBuilder pending, String text) {
            pending.append(text);
            int from = holdFrom(pending);
            int hold = pending.length() - from > MAX_HELD ? pending.length() : from;
            String ready = pending.substring(0, hold);
            pending.delete(0, hold);
            return ready;
        }
    }

    /**
     * Where the tail that could still become a match starts: the trailing run of characters an
     * email may contain, and any run of digits with single spaces or dashes between them before it.
     * No match can span that point, so masking the text before it alone is masking it in place.
     */
    static int holdFrom(CharSequence text) {
        int start = text.length();
        while (true) {
            int before = start;
            while (start > 0 && emailChar(text.charAt(start - 1))) {
                start--;
            }
            while (start > 0 && (digit(text.charAt(start - 1))
                    || start > 1 && separator(text.charAt(start - 1)) && digit(text.charAt(start - 2)))) {
                start--;
            }
            if (start == before) {
                return start;
            }
        }
    }

    private static boolean emailChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || digit(c) || c == '.' || c == '_' || c == '%' || c == '+'
                || c == '-' || c == '@';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-';
    }

    private static AgentEvent masked(AgentEvent event) {
        return switch (event) {
            case AgentEvent.Thinking thinking -> new AgentEvent.Thinking(mask(thinking.text()), thinking.agent());
            case AgentEvent.Reasoning reasoning -> new AgentEvent.Reasoning(mask(reasoning.text()), reasoning.agent());
            case AgentEvent.ToolStart start -> new AgentEvent.ToolStart(start.id(), start.name(), mask(start.arguments()), start.agent());
            case AgentEvent.ToolEnd end -> new AgentEvent.ToolEnd(end.id(), end.name(), mask(end.result()), mask(end.error()),
                    end.durationMs(), end.agent(), mask(end.arguments()));
            case AgentEvent.Content content -> new AgentEvent.Content(mask(content.content()));
            case AgentEvent.Error error -> new AgentEvent.Error(mask(error.error()), error.failure());
            case AgentEvent.Token token -> new AgentEvent.Token(mask(token.token()));
            case AgentEvent.ModelChosen model -> model;
            case AgentEvent.Usage usage -> usage;
            case AgentEvent.StepError error -> new AgentEvent.StepError(mask(error.error()), error.index(), error.failure());
            case AgentEvent.StepStart step -> step;
            case AgentEvent.StepEnd step -> step;
            case AgentEvent.KeepAlive keepAlive -> keepAlive;
            case AgentEvent.End end -> end;
        };
    }

    /** Text values masked; a number that is a card number becomes the text {@code [CARD]}. */
    static JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(mask(node.textValue()));
        }
        if (node.isIntegralNumber()) {
            String digits = node.asText();
            return CARD.matcher(digits).matches() ? JsonNodeFactory.instance.textNode("[CARD]") : node;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(field -> copy.set(mask(field.getKey()), mask(field.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(item -> copy.add(mask(item)));
            return copy;
        }
        return node;
    }
}
