package dev.workbench.deploy;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The deploy APIs' credentials, added to each call by the REST clients themselves, so no token
 * travels through method signatures (nor into a log line of one). A caller's own headers never
 * reach these APIs.
 */
abstract class DeployCredentials implements ClientHeadersFactory {

    private final Supplier<Optional<String>> authorization;

    private DeployCredentials(Supplier<Optional<String>> authorization) {
        this.authorization = authorization;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        authorization.get().ifPresent(value -> headers.add("Authorization", value));
        return headers;
    }

    /** {@code FLY_API_TOKEN}: Fly accepts classic tokens as Bearer and macaroon tokens with their own {@code FlyV1} scheme. */
    @Singleton
    static final class Fly extends DeployCredentials {
        Fly(DeployConfig config) {
            super(() -> config.flyApiToken().map(token -> token.startsWith("FlyV1 ") ? token : "Bearer " + token));
        }
    }

    /** {@code GITHUB_TOKEN}, as a Bearer token. */
    @Singleton
    static final class GitHub extends DeployCredentials {
        GitHub(DeployConfig config) {
            super(() -> config.githubToken().map(token -> "Bearer " + token));
        }
    }
}
