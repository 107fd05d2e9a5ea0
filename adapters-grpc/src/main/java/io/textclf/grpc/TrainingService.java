package io.textclf.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.textclf.application.dataset.BadRowPolicy;
import io.textclf.application.dataset.DatasetFormatException;
import io.textclf.application.serve.DatasetNotFoundException;
import io.textclf.application.serve.DatasetUploads;
import io.textclf.application.serve.ModelRegistry;
import io.textclf.application.serve.PathNotAllowedException;
import io.textclf.application.serve.ServerDatasets;
import io.textclf.application.serve.UploadedDataset;
import io.textclf.application.train.RunOptions;
import io.textclf.application.train.TrainUseCase;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.train.TrainingOptions;
import io.textclf.proto.v1.DeleteUploadRequest;
import io.textclf.proto.v1.DeleteUploadResponse;
import io.textclf.proto.v1.TrainEvent;
import io.textclf.proto.v1.TrainRequest;
import io.textclf.proto.v1.TrainingServiceGrpc;
import io.textclf.proto.v1.UploadDatasetRequest;
import io.textclf.proto.v1.UploadDatasetResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code textclf.v1.TrainingService}: training jobs streamed to their caller, and dataset uploads.
 * Requests are checked before a job starts, so bad names, paths and hyperparameters fail the call
 * at once with {@code INVALID_ARGUMENT} or {@code NOT_FOUND} and no events.
 */
final class TrainingService extends TrainingServiceGrpc.TrainingServiceImplBase {

    static final int DEFAULT_PROGRESS_MS = 1000;
    static final int MIN_PROGRESS_MS = 100;

    private final TrainUseCase useCase;
    private final ModelRegistry registry;
    private final ServerDatasets datasets;
    private final DatasetUploads uploads;
    private final TrainingJobs jobs;
    private final Set<String> backends;
    private final String defaultBackend;
    private final ErrorStatuses errors;
    private final Runnable onRegistered;
    private final int maxEpochs;
    private final Duration uploadIdle;

    /** Ends the uploads that send nothing for {@code uploadIdle}: one thread for every server of the process. */
    private static final ScheduledExecutorService IDLE_UPLOADS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "textclf-upload-idle");
        thread.setDaemon(true);
        return thread;
    });

    TrainingService(TrainUseCase useCase, ModelRegistry registry, ServerDatasets datasets, DatasetUploads uploads,
                    TrainingJobs jobs, Set<String> backends, String defaultBackend, ErrorStatuses errors,
                    Runnable onRegistered, int maxEpochs, Duration uploadIdle) {
        this.maxEpochs = maxEpochs;
        this.uploadIdle = uploadIdle;
        this.useCase = useCase;
        this.registry = registry;
        this.datasets = datasets;
        this.uploads = uploads;
        this.jobs = jobs;
        this.backends = new TreeSet<>(backends);
        this.defaultBackend = defaultBackend;
        this.errors = errors;
        this.onRegistered = onRegistered;
    }

    @Override
    public void train(TrainRequest request, StreamObserver<TrainEvent> responses) {
        ServerCallStreamObserver<TrainEvent> stream = (ServerCallStreamObserver<TrainEvent>) responses;
        TrainingJob job;
        try {
            CallRecord record = CallRecord.current();
            job = new TrainingJob(spec(request), stream, useCase, registry, errors, onRegistered, record);
            record.concerns(request.getModelName());
        } catch (RuntimeException e) {
            stream.onError(errors.toException(e));
            return;
        }
        Context call = Context.current();
        stream.setOnCancelHandler(() -> job.callerGone(ErrorStatuses.ofCancelled(call)));
        try {
            jobs.start(job);
        } catch (RuntimeException e) {
            stream.onError(errors.toException(e));
        }
    }

    private TrainingJob.Spec spec(TrainRequest request) {
        if (request.getModelName().isEmpty()) {
            throw new IllegalArgumentException("model_name is required");
        }
        registry.requireTrainable(request.getModelName());
        String backend = request.getBackend().isEmpty() ? defaultBackend : request.getBackend();
        if (!backends.contains(backend)) {
            throw new IllegalArgumentException("unknown backend '" + backend + "' (available: "
                    + String.join(", ", backends) + ")");
        }
        int progressMs = request.getProgressIntervalMs() == 0 ? DEFAULT_PROGRESS_MS : request.getProgressIntervalMs();
        if (progressMs < MIN_PROGRESS_MS) {
            throw new IllegalArgumentException("progress_interval_ms must be 0 (meaning " + DEFAULT_PROGRESS_MS
                    + ") or at least " + MIN_PROGRESS_MS + ", was " + request.getProgressIntervalMs());
        }
        TrainingOptions.Resolved resolved = TrainingParametersMapper.resolve(request.getParameters());
        if (resolved.settings().epochs() > maxEpochs) {
            throw new IllegalArgumentException("parameters.epochs " + resolved.settings().epochs() + " is more than "
                    + "this server allows (" + maxEpochs + ", its --max-epochs)");
        }
        useCase.requireCanTrain(backend, resolved.settings(), resolved.threads());
        RunOptions options = new RunOptions(Optional.empty(), 0, 0, Optional.empty(), request.getRestoreBest(),
                Optional.empty(), runSettings(request, backend, resolved), resolved.threads());
        io.textclf.application.train.TrainRequest.requireValidationForBest(resolved.settings(), options);
        String dataset;
        String label;
        switch (request.getDataCase()) {
            case DATASET_NAME -> {
                label = request.getDatasetName();
                dataset = datasets.byName(label);
            }
            case SERVER_PATH -> {
                label = request.getServerPath();
                dataset = byServerPath(label);
            }
            case UPLOAD_ID -> {
                label = "upload " + request.getUploadId();
                dataset = datasets.byUpload(request.getUploadId());
            }
            default -> throw new IllegalArgumentException("the data is required: set dataset_name, server_path "
                    + "or upload_id");
        }
        return new TrainingJob.Spec(request.getModelName(), dataset, label, resolved.settings(), resolved.ngrams(),
                backend, request.getSkipBadRows() ? BadRowPolicy.SKIP : BadRowPolicy.FAIL,
                TimeUnit.MILLISECONDS.toNanos(progressMs), options);
    }

    /** The dataset folder {@code path} names in the data root; a refusal names the request's field. */
    private String byServerPath(String path) {
        try {
            return datasets.byPath(path);
        } catch (PathNotAllowedException e) {
            throw new PathNotAllowedException("server_path " + e.getMessage());
        } catch (DatasetNotFoundException e) {
            throw new DatasetNotFoundException("server_path: " + e.getMessage());
        } catch (DatasetFormatException e) {
            throw new DatasetFormatException("server_path: " + e.getMessage());
        }
    }

    /** The run's settings for the model file: what the request set, and every other option's default. */
    private static List<RunSetting> runSettings(TrainRequest request, String backend,
                                                TrainingOptions.Resolved resolved) {
        List<RunSetting> settings = new ArrayList<>();
        settings.add(new RunSetting("backend", backend, request.getBackend().isEmpty() ? "server" : "request"));
        Set<String> given = TrainingParametersMapper.given(request.getParameters()).keySet();
        settings.addAll(TrainingOptions.runSettings(resolved,
                name -> given.contains(name) ? Optional.of("request") : Optional.empty()));
        if (request.getRestoreBest()) {
            settings.add(new RunSetting("restore-best", "true", "request"));
        }
        if (request.getSkipBadRows()) {
            settings.add(new RunSetting("skip-bad-rows", "true", "request"));
        }
        return settings;
    }

    @Override
    public StreamObserver<UploadDatasetRequest> uploadDataset(StreamObserver<UploadDatasetResponse> responses) {
        DatasetUploads.Upload upload;
        try {
            upload = uploads.begin();
        } catch (RuntimeException e) {
            responses.onError(errors.toException(e));
            return new Ignored();
        }
        return new StreamObserver<>() {
            private boolean ended;
            private ScheduledFuture<?> idle = IDLE_UPLOADS.schedule(this::endIdle, uploadIdle.toNanos(),
                    TimeUnit.NANOSECONDS);

            @Override
            public synchronized void onNext(UploadDatasetRequest chunk) {
                if (ended) {
                    return;
                }
                idle.cancel(false);
                idle = IDLE_UPLOADS.schedule(this::endIdle, uploadIdle.toNanos(), TimeUnit.NANOSECONDS);
                try {
                    upload.append(chunk.getFileName(), chunk.getData().asReadOnlyByteBuffer());
                } catch (RuntimeException e) {
                    end();
                    responses.onError(errors.toException(e));
                }
            }

            @Override
            public synchronized void onError(Throwable cancelled) {
                end();
            }

            @Override
            public synchronized void onCompleted() {
                if (ended) {
                    return;
                }
                idle.cancel(false);
                ended = true;
                UploadedDataset stored;
                try {
                    stored = upload.finish();
                } catch (RuntimeException e) {
                    responses.onError(errors.toException(e));
                    return;
                } finally {
                    upload.close();
                }
                responses.onNext(UploadDatasetResponse.newBuilder()
                        .setUploadId(stored.id()).setTrainRows(stored.trainRows()).setTestRows(stored.testRows())
                        .addAllClasses(stored.classes()).setBytes(stored.bytes())
                        .setLayout(stored.layout().name().toLowerCase(Locale.ROOT))
                        .setSkippedRows(stored.skippedRows()).setFirstSkippedRow(stored.firstSkippedRow())
                        .build());
                responses.onCompleted();
            }

            /** An upload that sent nothing for a while gives its place up to others. */
            private synchronized void endIdle() {
                if (!ended) {
                    end();
                    responses.onError(Status.DEADLINE_EXCEEDED.withDescription("the upload sent no data for "
                            + DurationText.of(uploadIdle) + ": it was ended, and its place among the uploads at "
                            + "once freed").asRuntimeException());
                }
            }

            private void end() {
                ended = true;
                idle.cancel(false);
                upload.close();
            }
        };
    }

    @Override
    public void deleteUpload(DeleteUploadRequest request, StreamObserver<DeleteUploadResponse> responses) {
        long freed;
        try {
            freed = uploads.delete(request.getUploadId());
        } catch (RuntimeException e) {
            responses.onError(errors.toException(e));
            return;
        }
        responses.onNext(DeleteUploadResponse.newBuilder().setBytesFreed(freed).build());
        responses.onCompleted();
    }

    /** The messages of a call that has already failed. */
    private static final class Ignored implements StreamObserver<UploadDatasetRequest> {
        @Override
        public void onNext(UploadDatasetRequest value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
