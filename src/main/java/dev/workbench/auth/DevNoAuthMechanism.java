package dev.workbench.auth;

import dev.workbench.common.AppConfig;
import dev.workbench.common.CorsConfig;
import dev.workbench.common.Environment;
import dev.workbench.common.StartupRefusal;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code ALLOW_DEV_NOAUTH}: with it on, a request whose bearer token is missing or invalid acts as
 * the admin; a valid token is still the token's subject. Runs before smallrye-jwt's own mechanism
 * and delegates to it, so with the setting off nothing changes. Three fences keep it a developer's
 * convenience: startup refuses it in production; the HTTP server may bind only a loopback address
 * (checked on the options Vert.x binds, not on configuration); and a request gets the admin only
 * when it names a loopback host (no DNS-rebound name) and comes from no browser origin or an
 * allowed one (no page the developer happens to visit).
 */
@ApplicationScoped
public class DevNoAuthMechanism implements HttpAuthenticationMechanism, HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(DevNoAuthMechanism.class);
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final JWTAuthMechanism jwt;
    private final boolean enabled;
    private final String admin;
    private final Set<String> origins;

    DevNoAuthMechanism(JWTAuthMechanism jwt, AuthConfig config, CorsConfig cors) {
        this.jwt = jwt;
        this.enabled = config.allowDevNoauth();
        this.admin = config.adminUsername();
        this.origins = Set.copyOf(cors.allowedOrigins());
    }

    void check(@Observes StartupEvent event, AppConfig app) {
        if (!enabled) {
            return;
        }
        if (app.environment() == Environment.PRODUCTION) {
            StartupRefusal.refuse("Refusing to start: ALLOW_DEV_NOAUTH is on with ENVIRONMENT=production; unset it");
        }
        LOG.warnf("ALLOW_DEV_NOAUTH is on: requests to this loopback address without a valid token act as %s; never expose this service",
                admin);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        refuseUnlessLoopback(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        refuseUnlessLoopback(options);
    }

    private void refuseUnlessLoopback(HttpServerOptions options) {
        String problem = enabled ? problemWithBinding(options.getHost()) : null;
        if (problem != null) {
            StartupRefusal.refuse(problem);
        }
    }

    /** Why the server may not bind {@code host} with {@code ALLOW_DEV_NOAUTH} on, or null. */
    static String problemWithBinding(String host) {
        if (host != null && isLoopback(host)) {
            return null;
        }
        return "Refusing to start: ALLOW_DEV_NOAUTH is on while listening on " + host
                + "; set QUARKUS_HTTP_HOST=127.0.0.1 (loopback only) or unset ALLOW_DEV_NOAUTH";
    }

    /** {@code localhost}, or an IP literal of the loopback range; never a name that DNS could point anywhere. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4.matcher(bare).matches() && !(bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+"))) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * A request the admin identity may stand in for: to a loopback name (the Host header of HTTP/1.1,
     * the authority of HTTP/2), from no browser page or an allowed one.
     */
    private boolean mayStandIn(RoutingContext context) {
        HostAndPort authority = context.request().authority();
        String origin = context.request().getHeader("Origin");
        return authority != null && authority.host() != null && isLoopback(authority.host())
                && (origin == null || origins.contains(origin));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!enabled || !mayStandIn(context)) {
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
