package dev.workbench.auth;

import dev.workbench.common.AppConfig;
import dev.workbench.common.Environment;
import dev.workbench.common.StartupRefusal;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * {@code ALLOW_DEV_NOAUTH}: with it on, a request whose bearer token is missing or invalid acts as
 * the admin; a valid token is still the token's subject. Runs before smallrye-jwt's own mechanism
 * and delegates to it, so with the setting off nothing changes. Allowed only outside production and
 * while the HTTP server listens on loopback alone: startup refuses anything else, naming the variable.
 */
@ApplicationScoped
public class DevNoAuthMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(DevNoAuthMechanism.class);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final JWTAuthMechanism jwt;
    private final boolean enabled;
    private final String admin;

    DevNoAuthMechanism(JWTAuthMechanism jwt, AuthConfig config) {
        this.jwt = jwt;
        this.enabled = config.allowDevNoauth();
        this.admin = config.adminUsername();
    }

    void check(@Observes StartupEvent event, AppConfig app) {
        if (!enabled) {
            return;
        }
        String problem = problemWith(app.environment(), listeningHost());
        if (problem != null) {
            StartupRefusal.refuse(problem);
        }
        LOG.warnf("ALLOW_DEV_NOAUTH is on: every request without a valid token acts as %s; never expose this service", admin);
    }

    /** Why {@code ALLOW_DEV_NOAUTH} may not be on in {@code environment} listening on {@code host}, or null. */
    static String problemWith(Environment environment, String host) {
        if (environment == Environment.PRODUCTION) {
            return "Refusing to start: ALLOW_DEV_NOAUTH is on with ENVIRONMENT=production; unset it";
        }
        if (!LOOPBACK.contains(host) && !host.startsWith("127.")) {
            return "Refusing to start: ALLOW_DEV_NOAUTH is on while listening on " + host
                    + "; set QUARKUS_HTTP_HOST=127.0.0.1 (loopback only) or unset ALLOW_DEV_NOAUTH";
        }
        return null;
    }

    private static String listeningHost() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-host" : "quarkus.http.host";
        return ConfigProvider.getConfig().getOptionalValue(key, String.class)
                .orElse(LaunchMode.current() == LaunchMode.NORMAL ? "0.0.0.0" : "localhost");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!enabled) {
            return Uni.createFrom().nullItem();
        }
        return jwt.authenticate(context, identities)
                .onFailure().recoverWithNull()
                .onItem().ifNull().continueWith(() -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(admin))
                        .addRole(Roles.ADMIN)
                        .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return jwt.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return jwt.getCredentialTypes();
    }

    /** Before smallrye-jwt's mechanism (default priority), which would refuse an invalid token first. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }
}
