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
 * reasoning, tool arguments and results, the answer, errors. Tokens are masked across their
 * boundaries: the tail of the text so far that could still grow into a match is held back until the
 * next token shows it cannot, or until the text ends (a tool call, the answer, an error, the end), so
 * an address split over several tokens is masked all the same.
 */
final class PiiMask {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9]{4}([ -]?)[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?![0-9])");

    private PiiMask() {
    }

    static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return CARD.matcher(EMAIL.matcher(text).replaceAll("[EMAIL]")).replaceAll("[CARD]");
    }

    /** {@code events} with every client-visible text masked; tokens held back as needed, never lost. */
    static Multi<AgentEvent> apply(Multi<AgentEvent> events) {
        return Multi.createFrom().deferred(() -> {
            Tokens tokens = new Tokens();
            return events.onItem().transformToIterable(tokens::accept);
        });
    }

    /** The token text not yet sent, because its tail could still become part of a match. */
    private static final class Tokens {
        private final StringBuilder pending = new StringBuilder();

        List<AgentEvent> accept(AgentEvent event) {
            if (event instanceof AgentEvent.Token token) {
                pending.append(token.token());
                int hold = holdFrom(pending);
                if (hold == 0) {
                    return List.of();
                }
                String ready = pending.substring(0, hold);
                pending.delete(0, hold);
                return List.of(new AgentEvent.Token(mask(ready)));
            }
            List<AgentEvent> out = new ArrayList<>(2);
            // Only the end of the model's text lets the held tail go: a heartbeat or reasoning
            // between two tokens must not split an address in two unmasked halves.
            boolean textEnds = event instanceof AgentEvent.ToolStart || event instanceof AgentEvent.Content
                    || event instanceof AgentEvent.Error || event instanceof AgentEvent.StepError || event instanceof AgentEvent.End;
            if (textEnds && !pending.isEmpty()) {
                out.add(new AgentEvent.Token(mask(pending.toString())));
                pending.setLength(0);
            }
            out.add(masked(event));
            return out;
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
            object.properties().forEach(field -> copy.set(field.getKey(), mask(field.getValue())));
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
