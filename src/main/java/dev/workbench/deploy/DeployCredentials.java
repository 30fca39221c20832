package dev.workbench.deploy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The deploy APIs' credentials, added to each call by the REST clients themselves, so no token
 * travels through method signatures (nor into a log line of one). A caller's own headers never
 * reach these APIs.
 */
final class DeployCredentials {

    private DeployCredentials() {
    }

    /** {@code FLY_API_TOKEN}: Fly accepts classic tokens as Bearer and macaroon tokens with their own {@code FlyV1} scheme. */
    @ApplicationScoped
    static class Fly implements ClientHeadersFactory {
        private final DeployConfig config;

        Fly(DeployConfig config) {
            this.config = config;
        }

        @Override
        public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            config.flyApiToken().ifPresent(token -> headers.add("Authorization", token.startsWith("FlyV1 ") ? token : "Bearer " + token));
            return headers;
        }
    }

    /** {@code GITHUB_TOKEN}, as a Bearer token. */
    @ApplicationScoped
    static class GitHub implements ClientHeadersFactory {
        private final DeployConfig config;

        GitHub(DeployConfig config) {
            this.config = config;
        }

        @Override
        public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            config.githubToken().ifPresent(token -> headers.add("Authorization", "Bearer " + token));
            return headers;
        }
    }
}
