package dev.workbench.auth;

import com.fasterxml.jackson.databind.JsonNode;
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

    private final LoginService login;
    private final ClientAddress clientAddress;

    AuthResource(LoginService login, ClientAddress clientAddress) {
        this.login = login;
        this.clientAddress = clientAddress;
    }

    /** Login bodies are two short strings: more than 64 KiB is refused before it is read. */
    @jakarta.enterprise.inject.Produces
    @Singleton
    static BodyLimit loginBodyLimit() {
        return new BodyLimit("/auth/login", 64 * 1024);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public TokenResponse login(JsonNode body, @Context HttpServerRequest request) {
        return login.login(LoginRequest.from(body), clientAddress.of(request));
    }
}
