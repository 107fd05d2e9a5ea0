package io.textclf.modelformat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelDims;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.UniformInitializer;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.modelformat.v1.ModelFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes model files: a 52-byte header (magic {@code TEXTCLF\0}, container version,
 * payload length, SHA-256 of the payload) followed by one serialized {@code textclf.v1.ModelFile}.
 *
 * <p>Writes go to a temporary file in the target's folder, are forced to disk, then renamed over the
 * target atomically: a crash leaves either the old file or the new one, never half of one. Reads
 * check the magic, version, length and checksum before parsing, so a truncated or corrupt file is
 * refused with a message saying which.
 */
public final class ModelFileStore {

    static final int CONTAINER_VERSION = ChecksummedContainer.VERSION;
    static final int HEADER_BYTES = ChecksummedContainer.HEADER_BYTES;
    /** The vocabulary of the model {@link #prepareToSave} encodes: enough tokens for its loops to be compiled. */
    static final int WARM_UP_TOKENS = 20_000;

    public void save(ModelArtifact artifact, Path target) {
        ChecksummedContainer.write(target, ContainerKind.MODEL_FILE, new ModelFilePayload(artifact));
    }

    /**
     * Readies {@link #save} for a large model, in the background: the checksum code compiled, and the encoding of a
     * model file loaded and compiled by encoding a small one (of {@link #WARM_UP_TOKENS} tokens) to nowhere. For a
     * caller that will save one after long work, such as training.
     */
    public void prepareToSave() {
        ChecksummedContainer.warmUp(() -> {
            try {
                new ModelFilePayload(warmUpArtifact()).writeTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A small model with every part a trained one has: the one {@link #prepareToSave} encodes. */
    static ModelArtifact warmUpArtifact() {
        List<String> tokens = new ArrayList<>(WARM_UP_TOKENS);
        for (int t = 0; t < WARM_UP_TOKENS; t++) {
            tokens.add("token" + t);
        }
        List<String> labels = List.of("a", "b");
        StateDict parameters = new UniformInitializer(0.5, 1).initialize(new ModelDims(WARM_UP_TOKENS, 4, 2));
        EpochSummary epoch = new EpochSummary(1, 0.5, 0.5, 0.5, 5.0, 0.1, 0.5, 0.5);
        ModelMetrics metrics = new ModelMetrics(0.5, 0.5, 4, 0.5, List.of(epoch),
                Optional.of(ClassificationMetrics.of(labels, 0.5, new long[][] {{1, 1}, {1, 1}}, new long[] {2, 4})),
                1, 1, "");
        Provenance provenance = new Provenance(List.of(new DatasetFingerprint("train", "train.csv", "0", 4)),
                "reference", "", "", Instant.EPOCH, "", 0, List.of(new RunSetting("lr", "5", "default")), "");
        return new ModelArtifact(PipelineSpec.tutorial(), new Vocabulary(tokens, 0), labels, parameters,
                TrainingSettings.tutorial(), metrics, provenance);
    }

    /**
     * Fails now, naming the reason, when {@link #save} could not write {@code target} later: its folder
     * is not writable, or a file that is not a model file is in the way.
     */
    public void checkWritable(Path target) {
        ChecksummedContainer.checkWritable(target, ContainerKind.MODEL_FILE);
    }

    /**
     * Refuses weights that are NaN or infinite, or so large that scores overflow (a checksum only proves the file is
     * as written), saying which; {@code what} names the file's kind ({@code model file}, {@code checkpoint}).
     */
    static ModelArtifact checkFinite(ModelArtifact artifact, Path source, String what) {
        artifact.parameters().firstNonFinite().or(() -> artifact.parameters().overflowingScores()).ifPresent(problem -> {
            throw new ModelFileException(source + ": " + problem + "; the " + what + " is unusable");
        });
        return artifact;
    }

    /**
     * Reads {@code source} as a stream: each tensor's floats go straight into their array, so loading takes
     * the weights' memory and little more.
     *
     * @throws ModelFileException naming the file when it is missing, corrupt or inconsistent
     */
    public ModelArtifact load(Path source) {
        StreamedFields.Fields fields = ChecksummedContainer.read(source, ContainerKind.MODEL_FILE,
                payload -> StreamedFields.read(payload, Set.of(ModelFile.PARAMETERS_FIELD_NUMBER)));
        ModelFile others;
        try {
            others = ModelFile.parseFrom(fields.others());
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(source + ": payload is not a valid ModelFile message: " + e.getMessage(), e);
        }
        return checkFinite(ModelFileCodec.fromProto(others, fields.tensorsOf(ModelFile.PARAMETERS_FIELD_NUMBER),
                source.toString()), source, "model file");
    }
}
