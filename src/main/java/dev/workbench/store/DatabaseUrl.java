package dev.workbench.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} as {@code fly mpg attach} and Heroku-style platforms set it,
 * {@code postgres://user:password@host:5432/db?sslmode=disable} ({@code postgresql://} too), mapped
 * to the JDBC URL, user and password of the Quarkus datasource. The query's parameters pass on to
 * the driver. Errors name the variable and never repeat the password.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a URL (expected postgres://user:password@host:5432/db)");
        }
        String scheme = uri.getScheme();
        if (!"postgres".equalsIgnoreCase(scheme) && !"postgresql".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql:// (found "
                    + (scheme == null ? "no scheme" : scheme + "://") + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL names no host (expected postgres://user:password@host:5432/db)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("DATABASE_URL names no database (expected postgres://user:password@host:5432/db)");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            username = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + database
                + (uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? "" : "?" + uri.getRawQuery());
        return new DatabaseUrl(jdbc, username, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** For the logs: host, port and database, never the password nor the query (which may carry secrets). */
    @Override
    public String toString() {
        int query = jdbcUrl.indexOf('?');
        return (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) + (username == null ? "" : " as " + username);
    }
}
