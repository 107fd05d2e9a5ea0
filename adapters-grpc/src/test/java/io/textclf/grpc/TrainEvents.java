package io.textclf.grpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects the events of one Train call made with an async stub. */
final class TrainEvents implements ClientResponseObserver<TrainRequest, TrainEvent> {

    private final List<TrainEvent> events = new ArrayList<>();
    private final CompletableFuture<Status> end = new CompletableFuture<>();
    private ClientCallStreamObserver<TrainRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<TrainRequest> requestStream) {
        this.call = requestStream;
    }

    @Override
    public synchronized void onNext(TrainEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public void onError(Throwable error) {
        end.complete(Status.fromThrowable(error));
        wake();
    }

    @Override
    public void onCompleted() {
        end.complete(Status.OK);
        wake();
    }

    synchronized List<TrainEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until an event matches, failing after {@code seconds}. */
    synchronized TrainEvent await(Predicate<TrainEvent> condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (TrainEvent event : events) {
                if (condition.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            assertTrue(left > 0 && !end.isDone(), () -> "no matching event; got " + events + ", end " + end);
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** The status the call ended with. */
    Status end(long seconds) throws Exception {
        return end.get(seconds, TimeUnit.SECONDS);
    }

    void cancel() {
        call.cancel("the test cancels", null);
    }

    private synchronized void wake() {
        notifyAll();
    }
}
