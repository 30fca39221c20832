package dev.workbench.common;

/**
 * What went wrong, for the caller to act on: the only exceptions services and clients throw for a
 * refusal or an upstream's failure. Named for the cause, never for an HTTP status; statuses are
 * decided in one place, {@link FailureStatus}, for JSON answers and stream error events alike.
 * Messages are fit to show: they name what is wrong and carry no secret, class name or trace.
 */
public abstract sealed class Failure extends RuntimeException {

    private final long retryAfterSeconds;

    private Failure(String message) {
        this(message, 0);
    }

    private Failure(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The wait, in seconds, after which a retry may succeed; 0 when none was said. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The named thing (a service, a deployment, a repository) does not exist. */
    public static final class NotFound extends Failure {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request cannot be read as one: a path or a line that does not parse. */
    public static final class Malformed extends Failure {
        public Malformed(String message) {
            super(message);
        }
    }

    /** The request reads, but asks for something that is not valid here. */
    public static final class Invalid extends Failure {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The request's body is larger than allowed. */
    public static final class TooLarge extends Failure {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** The caller did not prove who it is. */
    public static final class Unauthenticated extends Failure {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    /** A policy refuses it, whoever asks. */
    public static final class Refused extends Failure {
        public Refused(String message) {
            super(message);
        }
    }

    /** Something else holds what this needs (a deployment of the same app is in progress); the message names it. */
    public static final class Conflict extends Failure {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The caller's quota or a concurrency limit is reached; may say when to retry. */
    public static final class LimitReached extends Failure {
        public LimitReached(String message) {
            super(message);
        }

        public LimitReached(String message, long retryAfterSeconds) {
            super(message, retryAfterSeconds);
        }
    }

    /**
     * This server cannot do it now: it is shutting down, at capacity, its sandbox is broken, or a
     * failing service is paused; may say when to retry.
     */
    public static final class Unavailable extends Failure {
        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, long retryAfterSeconds) {
            super(message, retryAfterSeconds);
        }
    }

    /** A configured credential (an API key, a token) that this needs is not set; the message names it. */
    public static final class MissingCredentials extends Failure {
        public MissingCredentials(String message) {
            super(message);
        }
    }

    /** Something we called (a tool service, a provider, a model) gave no usable answer. */
    public static final class UpstreamFailed extends Failure {
        private final boolean transientFailure;

        public UpstreamFailed(String message) {
            this(message, false);
        }

        /** {@code transientFailure}: another try, or another upstream, may well succeed (a 5xx, a lost connection). */
        public UpstreamFailed(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }

    /** Something we called, or the run as a whole, took longer than allowed. */
    public static final class UpstreamTimedOut extends Failure {
        public UpstreamTimedOut(String message) {
            super(message);
        }
    }
}
