package io.textclf.application.modelfile;

import com.google.protobuf.UnsafeByteOperations;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.text.BasicEnglishTokenizer;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.proto.v1.EpochMetrics;
import io.textclf.proto.v1.Hyperparameters;
import io.textclf.proto.v1.Metrics;
import io.textclf.proto.v1.ModelFile;
import io.textclf.proto.v1.TokenizerSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the domain's {@link ModelArtifact} and the {@code textclf.v1.ModelFile} message. */
public final class ModelFileCodec {

    /** The schema meaning this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private ModelFileCodec() {
    }

    public static ModelFile toProto(ModelArtifact artifact) {
        ModelFile.Builder file = ModelFile.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setTokenizer(TokenizerSettings.newBuilder().setName(artifact.tokenizer()))
                .addAllVocabulary(artifact.vocabulary().tokens())
                .setDefaultIndex(artifact.vocabulary().defaultIndex())
                .addAllLabels(artifact.labels())
                .setHyperparameters(toProto(artifact.settings()))
                .setMetrics(toProto(artifact.metrics()))
                .setProvenance(toProto(artifact.provenance()).toBuilder().setSeed(artifact.settings().seed()));
        artifact.parameters().tensors().forEach((name, tensor) -> file.addParameters(toProto(name, tensor)));
        return file.build();
    }

    public static ModelArtifact fromProto(ModelFile file, String source) {
        if (file.getFormatVersion() != FORMAT_VERSION) {
            throw new ModelFileException(source + ": model format version " + file.getFormatVersion()
                    + " is not supported by this textclf (it reads version " + FORMAT_VERSION + ")");
        }
        if (!BasicEnglishTokenizer.NAME.equals(file.getTokenizer().getName())) {
            throw new ModelFileException(source + ": unknown tokenizer '" + file.getTokenizer().getName() + "'");
        }
        try {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (io.textclf.proto.v1.Tensor tensor : file.getParametersList()) {
                int[] shape = tensor.getShapeList().stream().mapToInt(Math::toIntExact).toArray();
                if (tensor.getData().size() % Float.BYTES != 0) {
                    throw new IllegalArgumentException(tensor.getName() + " has " + tensor.getData().size()
                            + " data bytes, not a whole number of float32 values");
                }
                float[] values = new float[tensor.getData().size() / Float.BYTES];
                tensor.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
                tensors.put(tensor.getName(), new Tensor(shape, values));
            }
            return new ModelArtifact(file.getTokenizer().getName(),
                    new Vocabulary(file.getVocabularyList(), file.getDefaultIndex()),
                    file.getLabelsList(), new StateDict(tensors), fromProto(file.getHyperparameters()),
                    fromProto(file.getMetrics()), fromProto(file.getProvenance()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelFileException(source + ": inconsistent model: " + e.getMessage(), e);
        }
    }

    private static io.textclf.proto.v1.Tensor toProto(String name, Tensor tensor) {
        io.textclf.proto.v1.Tensor.Builder builder = io.textclf.proto.v1.Tensor.newBuilder().setName(name);
        for (int size : tensor.shape()) {
            builder.addShape(size);
        }
        float[] values = tensor.values();
        ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return builder.setData(UnsafeByteOperations.unsafeWrap(data.array())).build();
    }

    static Hyperparameters toProto(TrainingSettings s) {
        return Hyperparameters.newBuilder()
                .setEpochs(s.epochs()).setLearningRate(s.learningRate()).setBatchSize(s.batchSize())
                .setEmbeddingDim(s.embeddingDim()).setGamma(s.gamma()).setStepSize(s.stepSize())
                .setClipNorm(s.clipNorm()).setValidationFraction(s.validationFraction()).setSeed(s.seed())
                .setMinFreq(s.minFreq()).setMaxTokens(s.maxTokens()).setInitRange(s.initRange())
                .build();
    }

    static TrainingSettings fromProto(Hyperparameters h) {
        return new TrainingSettings(h.getEpochs(), h.getLearningRate(), h.getBatchSize(), h.getEmbeddingDim(),
                h.getGamma(), h.getStepSize(), h.getClipNorm(), h.getValidationFraction(), h.getSeed(),
                h.getInitRange(), h.getMinFreq(), h.getMaxTokens(), TrainingSettings.tutorial().logInterval());
    }

    private static Metrics toProto(ModelMetrics m) {
        Metrics.Builder builder = Metrics.newBuilder()
                .setTestAccuracy(m.testAccuracy()).setTestLoss(m.testLoss()).setTestExamples(m.testExamples())
                .setValidationAccuracy(m.validationAccuracy());
        for (EpochSummary e : m.epochs()) {
            builder.addEpochs(EpochMetrics.newBuilder().setEpoch(e.epoch()).setTrainLoss(e.trainLoss())
                    .setTrainAccuracy(e.trainAccuracy()).setValidationAccuracy(e.validationAccuracy())
                    .setLearningRate(e.learningRate()).setSeconds(e.seconds()));
        }
        return builder.build();
    }

    private static ModelMetrics fromProto(Metrics m) {
        List<EpochSummary> epochs = m.getEpochsList().stream()
                .map(e -> new EpochSummary(e.getEpoch(), e.getTrainLoss(), e.getTrainAccuracy(),
                        e.getValidationAccuracy(), e.getLearningRate(), e.getSeconds()))
                .toList();
        return new ModelMetrics(m.getTestAccuracy(), m.getTestLoss(), m.getTestExamples(),
                m.getValidationAccuracy(), epochs);
    }

    private static io.textclf.proto.v1.Provenance toProto(Provenance p) {
        io.textclf.proto.v1.Provenance.Builder builder = io.textclf.proto.v1.Provenance.newBuilder()
                .setBackend(p.backend()).setTextclfVersion(p.textclfVersion()).setJavaVersion(p.javaVersion())
                .setCreatedAt(p.createdAt().toString()).setOs(p.os()).setTrainingSeconds(p.trainingSeconds());
        for (DatasetFingerprint d : p.datasets()) {
            builder.addDatasets(io.textclf.proto.v1.DatasetChecksum.newBuilder()
                    .setRole(d.role()).setPath(d.path()).setMd5(d.md5()).setRows(d.rows()));
        }
        return builder.build();
    }

    private static Provenance fromProto(io.textclf.proto.v1.Provenance p) {
        List<DatasetFingerprint> datasets = p.getDatasetsList().stream()
                .map(d -> new DatasetFingerprint(d.getRole(), d.getPath(), d.getMd5(), d.getRows()))
                .toList();
        return new Provenance(datasets, p.getBackend(), p.getTextclfVersion(), p.getJavaVersion(),
                p.getCreatedAt().isEmpty() ? Instant.EPOCH : Instant.parse(p.getCreatedAt()), p.getOs(),
                p.getTrainingSeconds());
    }
}
