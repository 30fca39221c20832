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
