package dev.workbench.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordVerifierTest {

    /** The same libxcrypt hash of "correct horse" under each prefix bcrypt implementations write. */
    @ParameterizedTest
    @ValueSource(strings = {
        "$2b$04$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m",
        "$2a$04$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m",
        "$2y$04$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m",
    })
    void verifiesEveryBcryptPrefix(String hash) {
        assertThat(PasswordVerifier.isBcryptHash(hash)).isTrue();
        PasswordVerifier verifier = new PasswordVerifier(config(Optional.empty(), Optional.of(hash)));
        assertThat(verifier.matches("ceo", "correct horse")).isTrue();
        assertThat(verifier.matches("ceo", "correct horsE")).isFalse();
        assertThat(verifier.matches("root", "correct horse")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "correct horse", "$2b$04$short", "$2x$04$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m",
        "$2b$99$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m", "{bcrypt}$2b$04$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m"})
    void rejectsWhatIsNotABcryptHash(String hash) {
        assertThat(PasswordVerifier.isBcryptHash(hash)).isFalse();
    }

    @Test
    void aClearPasswordIsComparedWithoutRegardToTheUsernameFirst() {
        PasswordVerifier verifier = new PasswordVerifier(config(Optional.of("s3cret"), Optional.empty()));
        assertThat(verifier.matches("ceo", "s3cret")).isTrue();
        assertThat(verifier.matches("ceo", "s3cret ")).isFalse();
        assertThat(verifier.matches("CEO", "s3cret")).isFalse();
    }

    @Test
    void passwordsLongerThan72BytesAreCutAsPythonsBcryptDoes() {
        String hash = "$2b$04$J1GRMRoJMJTNi8l11abn4OHGtgQ/1uOKEVAvxyxntAMbT/E1Dpy1m";
        PasswordVerifier verifier = new PasswordVerifier(config(Optional.empty(), Optional.of(hash)));
        assertThat(verifier.matches("ceo", "x".repeat(10_000))).isFalse();
    }

    /** libxcrypt hashes (OpenBSD's algorithm, as Python's bcrypt) at and across the 72-byte limit. */
    @Test
    void theSeventyTwoByteBoundaryMatchesOpenBsdBcrypt() {
        PasswordVerifier exactly72 = new PasswordVerifier(config(Optional.empty(),
                Optional.of("$2b$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe"))); // "a" x 72
        assertThat(exactly72.matches("ceo", "a".repeat(72))).isTrue();
        assertThat(exactly72.matches("ceo", "a".repeat(72) + "b")).isTrue();
        assertThat(exactly72.matches("ceo", "a".repeat(71))).isFalse();
        // 71 ASCII bytes and a two-byte "é": the cut falls inside the character.
        PasswordVerifier straddling = new PasswordVerifier(config(Optional.empty(),
                Optional.of("$2b$04$abcdefghijklmnopqrstuuoVx8RufeJl2sf6nnK3ltb8OHjZZZsny")));
        assertThat(straddling.matches("ceo", "a".repeat(71) + "é")).isTrue();
        assertThat(straddling.matches("ceo", "a".repeat(71) + "è")).isTrue(); // same first byte, 0xC3
        assertThat(straddling.matches("ceo", "a".repeat(71))).isFalse();
    }

    private static AuthConfig config(Optional<String> password, Optional<String> hash) {
        return new AuthConfig() {
            public String jwtSecretKey() { return "unused"; }
            public String adminUsername() { return "ceo"; }
            public Optional<String> adminPassword() { return password; }
            public Optional<String> adminPasswordHash() { return hash; }
            public int accessTokenExpireDays() { return 7; }
            public Optional<Integer> accessTokenExpireMinutes() { return Optional.empty(); }
            public Optional<String> jwtIssuer() { return Optional.empty(); }
            public Optional<String> jwtAudience() { return Optional.empty(); }
            public Duration jwtLeeway() { return Duration.ofSeconds(5); }
            public int loginMaxFailures() { return 5; }
            public Duration loginFailureWindow() { return Duration.ofMinutes(1); }
            public Optional<String> clientIpHeader() { return Optional.empty(); }
            public Boolean allowDevNoauth() { return false; }
        };
    }
}
