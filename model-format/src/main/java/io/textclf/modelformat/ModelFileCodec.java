package io.textclf.modelformat;

import io.textclf.domain.metrics.ClassMetrics;
import io.textclf.domain.metrics.ClassificationMetrics;
import io.textclf.domain.model.DatasetFingerprint;
import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.model.ModelMetrics;
import io.textclf.domain.model.Provenance;
import io.textclf.domain.model.RunSetting;
import io.textclf.domain.model.StateDict;
import io.textclf.domain.model.Tensor;
import io.textclf.domain.text.PipelineSpec;
import io.textclf.domain.text.Vocabulary;
import io.textclf.domain.train.EpochSummary;
import io.textclf.domain.train.OptimizerSpec;
import io.textclf.domain.train.SchedulerSpec;
import io.textclf.domain.train.TrainingSettings;
import io.textclf.domain.train.ValidationMetric;
import io.textclf.modelformat.v1.ClassScores;
import io.textclf.modelformat.v1.ClassificationReport;
import io.textclf.modelformat.v1.EarlyStoppingSettings;
import io.textclf.modelformat.v1.EpochMetrics;
import io.textclf.modelformat.v1.Hyperparameters;
import io.textclf.modelformat.v1.Metrics;
import io.textclf.modelformat.v1.ModelFile;
import io.textclf.modelformat.v1.OptimizerSettings;
import io.textclf.modelformat.v1.SchedulerSettings;
import io.textclf.modelformat.v1.TokenizerSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Converts between the domain's {@link ModelArtifact} and the {@code textclf.v1.ModelFile} message. */
public final class ModelFileCodec {

    /** The schema meaning this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private ModelFileCodec() {
    }

    /**
     * The {@code ModelFile} of {@code artifact} but for its two large fields, the vocabulary and the parameters,
     * which {@link ModelFilePayload} writes itself.
     */
    static ModelFile withoutVocabularyAndParameters(ModelArtifact artifact) {
        return ModelFile.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setTokenizer(TokenizerSettings.newBuilder().setName(artifact.pipeline().tokenizer())
                        .putAllSettings(artifact.pipeline().tokenizerSettings()))
                .putAllPipelineFeatures(artifact.pipeline().features())
                .setDefaultIndex(artifact.vocabulary().defaultIndex())
                .addAllLabels(artifact.labels())
                .setHyperparameters(toProto(artifact.settings()))
                .setMetrics(toProto(artifact.metrics()))
                .setProvenance(toProto(artifact.provenance()).toBuilder().setSeed(artifact.settings().seed()))
                .build();
    }

    /** The artifact of {@code file}, whose parameters, read apart from it, are {@code parameters}. */
    static ModelArtifact fromProto(ModelFile file, List<StreamedFields.RawTensor> parameters, String source) {
        if (file.getFormatVersion() != FORMAT_VERSION) {
            throw new ModelFileException(source + ": model format version " + file.getFormatVersion()
                    + " is not supported by this textclf (it reads version " + FORMAT_VERSION + ")");
        }
        try {
            PipelineSpec pipeline = new PipelineSpec(file.getTokenizer().getName(),
                    file.getTokenizer().getSettingsMap(), file.getPipelineFeaturesMap());
            Vocabulary vocabulary = new Vocabulary(file.getVocabularyList(), file.getDefaultIndex());
            StateDict stateDict = new StateDict(tensors(parameters));
            // the model's own shape before its measurements, which are checked against its labels
            ModelArtifact.requireLabelsFit(stateDict, file.getLabelsList());
            return new ModelArtifact(pipeline, vocabulary, file.getLabelsList(), stateDict,
                    fromProto(file.getHyperparameters()), fromProto(file.getMetrics(), file.getLabelsList()),
                    fromProto(file.getProvenance()));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new ModelFileException(source + ": inconsistent model: " + e.getMessage(), e);
        }
    }

    /** Tensors by name, in file order. */
    static Map<String, Tensor> tensors(List<StreamedFields.RawTensor> list) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (StreamedFields.RawTensor tensor : list) {
            int[] shape = tensor.shape().stream().mapToInt(Math::toIntExact).toArray();
            if (tensor.dataBytes() % Float.BYTES != 0) {
                throw new IllegalArgumentException(tensor.name() + " has " + tensor.dataBytes()
                        + " data bytes, not a whole number of float32 values");
            }
            if (tensors.put(tensor.name(), Tensor.adopting(shape, tensor.values())) != null) {
                throw new IllegalArgumentException("tensor " + tensor.name() + " appears twice");
            }
        }
        return tensors;
    }

    /** The {@code Tensor} message of {@code tensor} but for its data: name and shape. */
    static io.textclf.modelformat.v1.Tensor withoutData(String name, Tensor tensor) {
        io.textclf.modelformat.v1.Tensor.Builder builder = io.textclf.modelformat.v1.Tensor.newBuilder().setName(name);
        for (int size : tensor.shape()) {
            builder.addShape(size);
        }
        return builder.build();
    }

    public static Hyperparameters toProto(TrainingSettings s) {
        return Hyperparameters.newBuilder()
                .setEpochs(s.epochs()).setLearningRate(s.learningRate()).setBatchSize(s.batchSize())
                .setEmbeddingDim(s.embeddingDim()).setGamma(s.gamma()).setStepSize(s.stepSize())
                .setClipNorm(s.clipNorm()).setValidationFraction(s.validationFraction()).setSeed(s.seed())
                .setMinFreq(s.minFreq()).setMaxTokens(s.maxTokens()).setInitRange(s.initRange())
                .setOptimizer(toProto(s.optimizer())).setScheduler(toProto(s.scheduler()))
                .setEarlyStopping(EarlyStoppingSettings.newBuilder().setMonitor(s.monitor().label())
                        .setPatience(s.patience()).setMinDelta(s.minDelta()))
                .build();
    }

    static TrainingSettings fromProto(Hyperparameters h) {
        EarlyStoppingSettings stopping = h.getEarlyStopping();
        return new TrainingSettings(h.getEpochs(), h.getLearningRate(), h.getBatchSize(), h.getEmbeddingDim(),
                h.getGamma(), h.getStepSize(), h.getClipNorm(), h.getValidationFraction(), h.getSeed(),
                h.getInitRange(), h.getMinFreq(), h.getMaxTokens(), TrainingSettings.tutorial().logInterval(),
                fromProto(h.getOptimizer()), fromProto(h.getScheduler()),
                stopping.getMonitor().isEmpty() ? ValidationMetric.ACCURACY
                        : ValidationMetric.fromLabel(stopping.getMonitor()),
                stopping.getPatience(), stopping.getMinDelta());
    }

    private static OptimizerSettings toProto(OptimizerSpec spec) {
        OptimizerSettings.Builder builder = OptimizerSettings.newBuilder().setName(spec.name());
        if (spec instanceof OptimizerSpec.SgdMomentum m) {
            builder.setMomentum(m.momentum()).setDampening(m.dampening()).setWeightDecay(m.weightDecay())
                    .setNesterov(m.nesterov());
        } else if (spec instanceof OptimizerSpec.Adagrad a) {
            builder.setLrDecay(a.lrDecay()).setWeightDecay(a.weightDecay())
                    .setInitialAccumulatorValue(a.initialAccumulatorValue()).setEps(a.eps());
        } else if (spec instanceof OptimizerSpec.Adam a) {
            builder.setBeta1(a.beta1()).setBeta2(a.beta2()).setEps(a.eps()).setWeightDecay(a.weightDecay());
        }
        return builder.build();
    }

    private static OptimizerSpec fromProto(OptimizerSettings o) {
        return switch (o.getName()) {
            case "", "sgd" -> o.getMomentum() == 0 && o.getWeightDecay() == 0 && o.getDampening() == 0 && !o.getNesterov()
                    ? new OptimizerSpec.Sgd()
                    : new OptimizerSpec.SgdMomentum(o.getMomentum(), o.getDampening(), o.getWeightDecay(), o.getNesterov());
            case "adagrad" -> new OptimizerSpec.Adagrad(o.getLrDecay(), o.getWeightDecay(),
                    o.getInitialAccumulatorValue(), o.getEps());
            case "adam" -> new OptimizerSpec.Adam(o.getBeta1(), o.getBeta2(), o.getEps(), o.getWeightDecay());
            default -> throw new IllegalArgumentException("unknown optimizer '" + o.getName() + "'");
        };
    }

    private static SchedulerSettings toProto(SchedulerSpec spec) {
        SchedulerSettings.Builder builder = SchedulerSettings.newBuilder().setName(spec.name());
        if (spec instanceof SchedulerSpec.Cosine c) {
            builder.setTMax(c.tMax()).setEtaMin(c.etaMin());
        } else if (spec instanceof SchedulerSpec.LinearWarmup w) {
            builder.setWarmupStartFactor(w.startFactor()).setWarmupEpochs(w.totalIters());
        } else if (spec instanceof SchedulerSpec.ReduceOnPlateau p) {
            builder.setPlateauPatience(p.patience()).setPlateauThreshold(p.threshold())
                    .setPlateauCooldown(p.cooldown()).setMinLr(p.minLr());
        } else if (spec instanceof SchedulerSpec.Custom c) {
            builder.setCustomDescription(c.description());
        }
        return builder.build();
    }

    private static SchedulerSpec fromProto(SchedulerSettings s) {
        return switch (s.getName()) {
            case "", "on-drop" -> new SchedulerSpec.OnValidationDrop();
            case "step" -> new SchedulerSpec.Step();
            case "exponential" -> new SchedulerSpec.Exponential();
            case "cosine" -> new SchedulerSpec.Cosine(s.getTMax(), s.getEtaMin());
            case "warmup" -> new SchedulerSpec.LinearWarmup(s.getWarmupStartFactor(), s.getWarmupEpochs());
            case "plateau" -> new SchedulerSpec.ReduceOnPlateau(s.getPlateauPatience(), s.getPlateauThreshold(),
                    s.getPlateauCooldown(), s.getMinLr());
            default -> {
                if (s.getCustomDescription().isEmpty()) {
                    throw new IllegalArgumentException("unknown scheduler '" + s.getName() + "'");
                }
                yield SchedulerSpec.Custom.recorded(s.getName(), s.getCustomDescription());
            }
        };
    }

    public static Metrics toProto(ModelMetrics m) {
        Metrics.Builder builder = Metrics.newBuilder()
                .setTestAccuracy(m.testAccuracy()).setTestLoss(m.testLoss()).setTestExamples(m.testExamples())
                .setValidationAccuracy(m.validationAccuracy()).setBestEpoch(m.bestEpoch())
                .setParametersEpoch(m.parametersEpoch()).setStopReason(m.stopReason());
        for (EpochSummary e : m.epochs()) {
            builder.addEpochs(EpochMetrics.newBuilder().setEpoch(e.epoch()).setTrainLoss(e.trainLoss())
                    .setTrainAccuracy(e.trainAccuracy()).setValidationAccuracy(e.validationAccuracy())
                    .setLearningRate(e.learningRate()).setSeconds(e.seconds()).setValidationLoss(e.validationLoss())
                    .setValidationMacroF1(e.validationMacroF1()));
        }
        m.test().ifPresent(test -> builder.setTestReport(toProto(test)));
        return builder.build();
    }

    static ModelMetrics fromProto(Metrics m, List<String> labels) {
        List<EpochSummary> epochs = m.getEpochsList().stream()
                .map(e -> new EpochSummary(e.getEpoch(), e.getTrainLoss(), e.getTrainAccuracy(),
                        e.getValidationAccuracy(), e.getLearningRate(), e.getSeconds(),
                        e.hasValidationLoss() ? e.getValidationLoss() : Double.NaN,
                        e.hasValidationMacroF1() ? e.getValidationMacroF1() : Double.NaN))
                .toList();
        Optional<ClassificationMetrics> test = m.hasTestReport()
                ? Optional.of(fromProto(m.getTestReport(), labels)) : Optional.empty();
        return new ModelMetrics(m.getTestAccuracy(), m.getTestLoss(), m.getTestExamples(),
                m.getValidationAccuracy(), epochs, test, m.getBestEpoch(), m.getParametersEpoch(), m.getStopReason());
    }

    /** The report of {@code metrics}: its counts, and the ratios derived from them. */
    public static ClassificationReport toProto(ClassificationMetrics metrics) {
        ClassificationReport.Builder builder = ClassificationReport.newBuilder()
                .setExamples(metrics.examples()).setLoss(metrics.meanLoss()).setAccuracy(metrics.accuracy())
                .setMacroF1(metrics.macroF1()).setWeightedF1(metrics.weightedF1());
        for (long[] row : metrics.confusion()) {
            for (long count : row) {
                builder.addConfusion(count);
            }
        }
        for (long count : metrics.topKCorrect()) {
            builder.addTopKCorrect(count);
        }
        for (ClassMetrics c : metrics.perClass()) {
            builder.addClasses(ClassScores.newBuilder().setLabel(c.label()).setSupport(c.support())
                    .setPrecision(c.precision()).setRecall(c.recall()).setF1(c.f1()));
        }
        return builder.build();
    }

    private static ClassificationMetrics fromProto(ClassificationReport report, List<String> labels) {
        int classes = labels.size();
        if (report.getConfusionCount() != classes * classes) {
            throw new IllegalArgumentException("the test report's confusion matrix has " + report.getConfusionCount()
                    + " counts, expected " + classes + " x " + classes);
        }
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < report.getConfusionCount(); i++) {
            confusion[i / classes][i % classes] = report.getConfusion(i);
        }
        long[] topK = report.getTopKCorrectList().stream().mapToLong(Long::longValue).toArray();
        return ClassificationMetrics.of(labels, report.getLoss(), confusion, topK);
    }

    public static io.textclf.modelformat.v1.Provenance toProto(Provenance p) {
        io.textclf.modelformat.v1.Provenance.Builder builder = io.textclf.modelformat.v1.Provenance.newBuilder()
                .setBackend(p.backend()).setTextclfVersion(p.textclfVersion()).setJavaVersion(p.javaVersion())
                .setCreatedAt(p.createdAt().toString()).setOs(p.os()).setTrainingSeconds(p.trainingSeconds())
                .setResumedFrom(p.resumedFrom());
        for (RunSetting setting : p.runSettings()) {
            builder.addRunSettings(io.textclf.modelformat.v1.RunSetting.newBuilder().setName(setting.name())
                    .setValue(setting.value()).setSource(setting.source()));
        }
        for (DatasetFingerprint d : p.datasets()) {
            builder.addDatasets(io.textclf.modelformat.v1.DatasetChecksum.newBuilder()
                    .setRole(d.role()).setPath(d.path()).setMd5(d.md5()).setRows(d.rows()));
        }
        return builder.build();
    }

    static Provenance fromProto(io.textclf.modelformat.v1.Provenance p) {
        List<DatasetFingerprint> datasets = p.getDatasetsList().stream()
                .map(d -> new DatasetFingerprint(d.getRole(), d.getPath(), d.getMd5(), d.getRows()))
                .toList();
        List<RunSetting> settings = p.getRunSettingsList().stream()
                .map(r -> new RunSetting(r.getName(), r.getValue(), r.getSource()))
                .toList();
        return new Provenance(datasets, p.getBackend(), p.getTextclfVersion(), p.getJavaVersion(),
                p.getCreatedAt().isEmpty() ? Instant.EPOCH : Instant.parse(p.getCreatedAt()), p.getOs(),
                p.getTrainingSeconds(), settings, p.getResumedFrom());
    }
}
