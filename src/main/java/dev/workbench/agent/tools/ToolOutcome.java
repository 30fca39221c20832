package dev.workbench.agent.tools;

/** What a tool call produced: a result for the model, or an error it is told about. */
public record ToolOutcome(String result, String error) {

    public static ToolOutcome ok(String result) {
        return new ToolOutcome(result, null);
    }

    public static ToolOutcome failed(String error) {
        return new ToolOutcome(null, error);
    }

    public boolean isError() {
        return error != null;
    }

    public String text() {
        return isError() ? error : result;
    }
}
