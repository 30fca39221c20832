package dev.workbench.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.common.Failure;
import java.io.IOException;
import dev.workbench.common.BodyLimit;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /auth/login}: the admin's username and password for a bearer token. */
@Path("/auth")
public class AuthResource {

    /** Login bodies are two short strings. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final LoginService login;
    private final ClientAddress clientAddress;
    private final ObjectMapper json;

    AuthResource(LoginService login, ClientAddress clientAddress, ObjectMapper json) {
        this.login = login;
        this.clientAddress = clientAddress;
        this.json = json;
    }

    /** A declared length over 64 KiB is refused before the body is read. */
    @jakarta.enterprise.inject.Produces
    @Singleton
    static BodyLimit loginBodyLimit() {
        return new BodyLimit("/auth/login", MAX_BODY_BYTES);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public TokenResponse login(byte[] body, @Context HttpServerRequest request) throws IOException {
        // A chunked body declares no length: the limit holds for the bytes actually read, before parsing.
        if (body.length > MAX_BODY_BYTES) {
            throw new Failure.TooLarge("Request body too large: at most " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode parsed = body.length == 0 ? null : json.readTree(body);
        return login.login(LoginRequest.from(parsed), clientAddress.of(request));
    }
}
