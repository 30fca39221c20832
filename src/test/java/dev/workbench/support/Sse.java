package dev.workbench.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;

/** Calls {@code POST /agent/execute} and reads its stream the way the dashboard does. */
public final class Sse {

    private Sse() {
    }

    public static Response execute(String body) {
        return given().auth().oauth2(Login.adminToken()).contentType(ContentType.JSON).body(body)
                .when().post("/agent/execute");
    }

    /** The stream with {@code event:x} written as {@code event: x} and durations zeroed, for exact comparison. */
    public static String normalized(String stream) {
        return stream.replaceAll("(?m)^event:(?! )", "event: ").replaceAll("\"duration_ms\":\\d+", "\"duration_ms\":0");
    }

    /**
     * The events of an agent or workflow stream, after checking the lifecycle frames the dashboard
     * relies on (open first, done right before end, each with {@code {}}), without open, hb and done.
     */
    public static List<String[]> runEvents(String stream) {
        List<String[]> all = events(stream);
        org.assertj.core.api.Assertions.assertThat(all).as(stream).hasSizeGreaterThanOrEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(all.get(0)).as("first event").containsExactly("open", "{}");
        org.assertj.core.api.Assertions.assertThat(all.get(all.size() - 2)).as("next to last").containsExactly("done", "{}");
        org.assertj.core.api.Assertions.assertThat(all.get(all.size() - 1)).as("last").containsExactly("end", "[DONE]");
        List<String[]> run = new ArrayList<>();
        for (String[] event : all.subList(1, all.size() - 2)) {
            org.assertj.core.api.Assertions.assertThat(event[0]).as("open and done only at the ends").isNotIn("open", "done");
            if (!event[0].equals("hb")) {
                run.add(event);
            }
        }
        run.add(all.get(all.size() - 1));
        return run;
    }

    /** The events as the dashboard's reader splits them: name (or "message") and data. */
    public static List<String[]> events(String stream) {
        List<String[]> events = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            String name = "message";
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).trim();
                }
            }
            if (data != null) {
                events.add(new String[] {name, data});
            }
        }
        return events;
    }
}
