package dev.workbench.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes a verified token's identity depend on its {@code sub} alone: the admin is the token whose
 * subject is {@code ADMIN_USERNAME}, and gets {@link Roles#ADMIN} and nothing else; any other token
 * gets no role at all. The identity is rebuilt, not added to, so roles smallrye derives from a
 * {@code groups} claim are dropped, and its principal is named by {@code sub}, so {@code upn} and
 * {@code preferred_username} never change who the audit log says acted.
 */
@ApplicationScoped
public class AdminRoleAugmentor implements SecurityIdentityAugmentor {

    private final AuthConfig config;

    AdminRoleAugmentor(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String subject = token.getSubject() == null ? "" : token.getSubject();
        QuarkusSecurityIdentity.Builder rebuilt = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(subject))
                .addCredentials(identity.getCredentials());
        if (config.adminUsername().equals(subject)) {
            rebuilt.addRole(Roles.ADMIN);
        }
        return Uni.createFrom().item(rebuilt.build());
    }
}
