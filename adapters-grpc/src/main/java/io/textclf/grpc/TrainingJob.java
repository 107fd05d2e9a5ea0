package io.textclf.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.modelformat.ModelFileCodec;
import io.textclf.application.serve.ModelFootprint;
import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.ServedModel;
import io.textclf.application.train.RunOptions;
import io.textclf.application.train.TrainRequest;
import io.textclf.application.train.TrainUseCase;
import io.textclf.application.train.TrainingObserver;
import io.textclf.application.train.TrainingReport;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.BatchProgress;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.WordNgrams;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.v1.EpochMetrics;
import io.textclf.proto.v1.ModelSpec;
import io.textclf.proto.v1.TrainCompleted;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainFailed;
import io.textclf.proto.v1.TrainProgress;
import io.textclf.proto.v1.TrainStarted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One {@code Train} call's job: reserves the model's next version, runs the training use case on the
 * calling thread, streams its events, and serves the new version when it completes.
 *
 * <p>{@link #cancel} may come from any thread: it interrupts the training thread, which the training
 * loop answers with {@link io.textclf.domain.train.TrainingCancelledException} between two steps.
 */
final class TrainingJob implements Runnable {

    private enum State { WAITING, RUNNING, DONE }

    /**
     * What to train.
     *
     * @param modelName       the model that gets the new version
     * @param dataset         dataset path or name for the training use case
     * @param datasetLabel    the data as the request named it
     * @param settings        hyperparameters
     * @param backend         compute backend name
     * @param badRows         what to do with malformed rows
     * @param progressNanos   least time between two progress events
     * @param options         best-model handling and the run settings to record in the model file
     */
    record Spec(String modelName, String dataset, String datasetLabel, TrainingSettings settings, WordNgrams ngrams,
                String backend, BadRowPolicy badRows, long progressNanos, RunOptions options) {
    }

    private final String id = UUID.randomUUID().toString();
    private final Spec spec;
    private final ServerCallStreamObserver<TrainEvent> stream;
    private final TrainUseCase useCase;
    private final ModelRegistry registry;
    private final ErrorStatuses errors;
    private final Runnable onRegistered;
    private final CallRecord record;

    private Runnable release = () -> { };
    private State state = State.WAITING;
    private Thread thread;
    /** Whether the job's model is in place as its version file (read and written by the job's own thread). */
    private boolean published;
    private boolean cancelled;
    private String shutdownReason;
    private Status callerGone = ErrorStatuses.CANCELLED;

    /** @param record the call's record, told the version the job makes (the job runs outside the call's context) */
    TrainingJob(Spec spec, ServerCallStreamObserver<TrainEvent> stream, TrainUseCase useCase, ModelRegistry registry,
                ErrorStatuses errors, Runnable onRegistered, CallRecord record) {
        this.record = record;
        this.spec = spec;
        this.stream = stream;
        this.useCase = useCase;
        this.registry = registry;
        this.errors = errors;
        this.onRegistered = onRegistered;
    }

    /**
     * Sets what frees the job's slot; it runs, possibly more than once, before the call ends, so that a
     * caller who starts another job on hearing of this one's end finds the slot free.
     */
    synchronized void onRelease(Runnable value) {
        this.release = value;
    }

    /** Stops the job of a call that ended: the client cancelled it or its deadline passed, as {@code status} says. */
    synchronized void callerGone(Status status) {
        callerGone = status;
        cancel(null);
    }

    /**
     * Stops the job.
     *
     * @param reason why, for the caller, when the server stops it; null when the caller went away
     */
    synchronized void cancel(String reason) {
        cancelled = true;
        if (reason != null && shutdownReason == null) {
            shutdownReason = reason;
        }
        if (state == State.RUNNING) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        synchronized (this) {
            if (cancelled) {
                state = State.DONE;
                release.run();
                endCancelled();
                return;
            }
            state = State.RUNNING;
            thread = Thread.currentThread();
        }
        long started = System.nanoTime();
        ModelRegistry.Reservation reservation = null;
        published = false;
        try {
            reservation = registry.reserve(spec.modelName());
            stream.onNext(TrainEvent.newBuilder().setStarted(TrainStarted.newBuilder()
                    .setJobId(id)
                    .setModelSpec(ModelSpec.newBuilder().setName(reservation.name()).setVersion(reservation.version()))
                    .setSettings(ModelFileCodec.toProto(spec.settings()))
                    .setBackend(spec.backend())
                    .setDataset(spec.datasetLabel())
                    .setWordNgrams(spec.ngrams().n())
                    .setBuckets(spec.ngrams().buckets())
                    .setThreads(spec.options().threads())).build());
            TrainingReport report = useCase.train(new TrainRequest(spec.dataset(), spec.settings(), spec.backend(),
                    reservation.stagingFile(), spec.badRows(), spec.options(),
                    PipelineSpec.tutorial().withWordNgrams(spec.ngrams())),
                    new EventStream(spec.settings().epochs(), reservation));
            reservation = registry.publish(reservation);
            published = true;
            ServedModel model = registry.register(reservation);
            record.answeredBy(model, 0);
            reservation = null;
            stopInterrupts();
            onRegistered.run();
            release.run();
            stream.onNext(TrainEvent.newBuilder().setCompleted(TrainCompleted.newBuilder()
                    .setModelSpec(ModelSpecs.of(model))
                    .setMetrics(ModelFileCodec.toProto(report.artifact().metrics()))
                    .setSkippedRows(report.skippedRows().size())
                    .setSeconds((System.nanoTime() - started) / 1e9)
                    .setServed(registry.serves(model.name(), model.version()))).build());
            stream.onCompleted();
        } catch (RuntimeException e) {
            stopInterrupts();
            giveBack(reservation);
            reservation = null;
            release.run();
            if (cancelledNow()) {
                endCancelled();
            } else {
                Status status = errors.toStatus(e);
                stream.onNext(failed(status.getDescription()));
                stream.onError(status.asRuntimeException());
            }
        } catch (OutOfMemoryError e) {
            stopInterrupts();
            giveBack(reservation);
            reservation = null;
            release.run();
            String reason = "the server ran out of memory training this model: use a smaller embed_dim, "
                    + "max_tokens or dataset";
            stream.onNext(failed(reason));
            stream.onError(Status.RESOURCE_EXHAUSTED.withDescription(reason).asRuntimeException());
        } finally {
            stopInterrupts();
            giveBack(reservation);
            release.run();
        }
    }

    /**
     * Deletes what a job that made no model wrote (the staging file, or the version file once it was put in place,
     * never a version file that came in by other hands), and frees its version number.
     */
    private void giveBack(ModelRegistry.Reservation reservation) {
        if (reservation != null) {
            deleteQuietly(published ? reservation.file() : reservation.stagingFile());
            registry.release(reservation);
        }
    }

    private synchronized boolean cancelledNow() {
        return cancelled;
    }

    /** Ends the call of a cancelled job: the caller is gone, or the server is stopping. */
    private void endCancelled() {
        String reason;
        Status gone;
        synchronized (this) {
            reason = shutdownReason;
            gone = callerGone;
        }
        if (reason == null) {
            stream.onError(gone.asRuntimeException());
        } else {
            stream.onNext(failed(reason));
            stream.onError(Status.UNAVAILABLE.withDescription(reason).asRuntimeException());
        }
    }

    /** From here on the thread is not interrupted by {@link #cancel}, and a pending interrupt is cleared. */
    private synchronized void stopInterrupts() {
        state = State.DONE;
        Thread.interrupted();
    }

    private static TrainEvent failed(String reason) {
        return TrainEvent.newBuilder().setFailed(TrainFailed.newBuilder().setReason(reason)).build();
    }

    private static void deleteQuietly(Path written) {
        try {
            Files.deleteIfExists(written);
        } catch (IOException ignored) {
            // the version was never served; a leftover file is loaded at the next start, which is harmless
        }
    }

    /** The training loop's events as stream messages; progress at most once per interval and only when the stream can take it. */
    private final class EventStream implements TrainingObserver {

        private final int epochs;
        private final ModelRegistry.Reservation reservation;
        private boolean sentProgress;
        private long lastProgress;

        EventStream(int epochs, ModelRegistry.Reservation reservation) {
            this.epochs = epochs;
            this.reservation = reservation;
        }

        /** A model that the server could not serve under its memory bound is refused before it is trained. */
        @Override
        public void onModelShape(ModelDims dims, Vocabulary vocabulary) {
            registry.requireRoomFor(reservation, ModelFootprint.estimate(dims, vocabulary));
        }

        @Override
        public void onBatch(BatchProgress p) {
            long now = System.nanoTime();
            if ((sentProgress && now - lastProgress < spec.progressNanos()) || !stream.isReady()) {
                return;
            }
            sentProgress = true;
            lastProgress = now;
            stream.onNext(TrainEvent.newBuilder().setProgress(TrainProgress.newBuilder()
                    .setEpoch(p.epoch()).setEpochs(epochs).setBatch(p.batch())
                    .setBatchesPerEpoch(p.batchesPerEpoch()).setLoss(p.meanLoss()).setAccuracy(p.accuracy())
                    .setLearningRate(p.learningRate())).build());
        }

        @Override
        public void onEpochEnd(EpochSummary s) {
            stream.onNext(TrainEvent.newBuilder().setEpochEnd(EpochMetrics.newBuilder()
                    .setEpoch(s.epoch()).setTrainLoss(s.trainLoss()).setTrainAccuracy(s.trainAccuracy())
                    .setValidationAccuracy(s.validationAccuracy()).setLearningRate(s.learningRate())
                    .setSeconds(s.seconds()).setValidationLoss(s.validationLoss())
                    .setValidationMacroF1(s.validationMacroF1())).build());
        }
    }
}
