package dev.workbench.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * JWTs built by hand, header.payload base64url + HmacSHA256, the way python-jose and PyJWT build
 * them: no library of ours is involved, so a test that accepts them proves interoperability.
 */
public final class HandMadeJwt {

    public static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private HandMadeJwt() {
    }

    /** The secret the running test application verifies with. */
    public static String appSecret() {
        return ConfigProvider.getConfig().getValue("workbench.auth.jwt-secret-key", String.class);
    }

    /** What a Python client mints: only {@code sub} and {@code exp}. */
    public static String python(String subject, Instant expires) {
        return signed(appSecret(), HS256_HEADER,
                "{\"sub\":\"" + subject + "\",\"exp\":" + expires.getEpochSecond() + "}");
    }

    public static String signed(String secret, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + b64(payloadJson.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + b64(hmac(secret, signingInput));
    }

    public static String unsigned(String payloadJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    public static byte[] hmac(String secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String payloadOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
