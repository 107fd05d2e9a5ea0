package io.textclf.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.textclf.application.serve.ServedModel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a service learned about the call it answers, for the metrics and the call log: the model
 * and version that answered and how many texts it classified. Each call has its own, in the gRPC
 * {@link Context}; a service fills it in from any thread, the {@link CallObserver} reads it when
 * the call closes.
 */
final class CallRecord {

    private static final Context.Key<CallRecord> KEY = Context.key("textclf-call-record");

    /**
     * How long before the server's deadline a client's cancel still counts as the deadline passing: a quarter of the
     * call's timeout, at least 100 ms and at most a second (the server's copy starts when it reads the headers, later
     * than the client's by the network and, on a busy server, by the wait for a transport thread).
     */
    private static final long MIN_DEADLINE_SLACK_MS = 100;
    private static final long MAX_DEADLINE_SLACK_MS = 1000;

    private final AtomicBoolean accounted = new AtomicBoolean();
    private volatile Deadline deadline;
    private volatile long deadlineSlackMs = MIN_DEADLINE_SLACK_MS;
    private volatile String model = "";
    private volatile String version = "";
    private volatile int texts;

    /** The current call's record; a detached one (filled in, never read) outside an observed call. */
    static CallRecord current() {
        CallRecord record = KEY.get();
        return record == null ? new CallRecord() : record;
    }

    Context attachTo(Context context) {
        return context.withValue(KEY, this);
    }

    /** {@code model} answers the call with {@code texts} texts. */
    void answeredBy(ServedModel model, int texts) {
        this.model = model.name();
        this.version = Long.toString(model.version());
        this.texts = texts;
    }

    /** The call concerns model {@code name} (a version yet to be made). */
    void concerns(String name) {
        this.model = name;
    }

    /** The call's deadline, when its client set one. */
    void deadline(Deadline value) {
        this.deadline = value;
        if (value != null) {
            deadlineSlackMs = Math.max(MIN_DEADLINE_SLACK_MS,
                    Math.min(MAX_DEADLINE_SLACK_MS, value.timeRemaining(TimeUnit.MILLISECONDS) / 4));
        }
    }

    /**
     * How the call ended, as {@code status} says, except that a call cancelled at its deadline ended by the deadline:
     * a client whose deadline passes cancels its stream, often before the server's copy of the deadline (which
     * starts a moment later, when the call's headers arrive) has passed.
     */
    Status.Code outcome(Status status) {
        Deadline set = deadline;
        return status.getCode() == Status.Code.CANCELLED && set != null
                && set.timeRemaining(TimeUnit.MILLISECONDS) < deadlineSlackMs
                ? Status.Code.DEADLINE_EXCEEDED : status.getCode();
    }

    /** True the first time only: a call is counted and logged once, by whichever sees it end first. */
    boolean account() {
        return accounted.compareAndSet(false, true);
    }

    String model() {
        return model;
    }

    /**
     * The model the metrics label a call that ended with {@code outcome} with: the one that answered it, or that it
     * made; empty for a call that failed before a model answered, whose model name its client chose (a label per
     * name would let callers add series without end).
     */
    String metricsModel(Status.Code outcome) {
        return outcome == Status.Code.OK || !version.isEmpty() ? model : "";
    }

    String version() {
        return version;
    }

    int texts() {
        return texts;
    }
}
