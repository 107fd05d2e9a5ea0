package io.textclf.spark.predict;

import io.textclf.domain.model.ModelArtifact;
import io.textclf.domain.predict.Prediction;
import io.textclf.domain.predict.ScoredLabel;
import io.textclf.domain.predict.TextClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer} that classifies a text column with a textclf model:
 * {@code new TextclfTransformer(artifact).setInputCol("text").transform(df)} adds the predicted
 * label ({@code label}), its probability ({@code probability}) and the {@code top_k} classes with
 * their probabilities (an array of {@code (label, probability)} structs, best first). The model is
 * broadcast once per transformer, on the first {@code transform}; texts are classified in batches.
 * A null text is classified as the empty text.
 */
public final class TextclfTransformer extends Transformer {

    private static final long serialVersionUID = 1L;
    private static final int BATCH = 256;

    /** The element type of the {@code top_k} column. */
    public static final StructType SCORED_LABEL = new StructType()
            .add("label", DataTypes.StringType, false)
            .add("probability", DataTypes.DoubleType, false);

    private final String uid;
    private final transient ModelPayload payload;
    private transient Broadcast<ModelPayload> shared;
    private String inputCol = "text";
    private String labelCol = "label";
    private String probabilityCol = "probability";
    private String topKCol = "top_k";
    private int topK = 3;

    public TextclfTransformer(ModelArtifact artifact) {
        this(Identifiable$.MODULE$.randomUID("textclf"), ModelPayload.of(artifact));
    }

    private TextclfTransformer(String uid, ModelPayload payload) {
        this.uid = uid;
        this.payload = payload;
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The column holding the raw text (default {@code text}). */
    public TextclfTransformer setInputCol(String value) {
        inputCol = value;
        return this;
    }

    /** The column for the predicted class name (default {@code label}). */
    public TextclfTransformer setLabelCol(String value) {
        labelCol = value;
        return this;
    }

    /** The column for the predicted class's probability (default {@code probability}). */
    public TextclfTransformer setProbabilityCol(String value) {
        probabilityCol = value;
        return this;
    }

    /** The column for the best classes (default {@code top_k}). */
    public TextclfTransformer setTopKCol(String value) {
        topKCol = value;
        return this;
    }

    /** How many classes {@code top_k} holds, from 1 (default 3; all when the model has fewer). */
    public TextclfTransformer setTopK(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, was " + value);
        }
        topK = value;
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(inputCol)) {
            throw new IllegalArgumentException("no column '" + inputCol + "' to classify; the columns are " + names);
        }
        StructField input = schema.apply(inputCol);
        if (!input.dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("column '" + inputCol + "' holds " + input.dataType().simpleString()
                    + ", expected string");
        }
        for (String output : List.of(labelCol, probabilityCol, topKCol)) {
            if (names.contains(output)) {
                throw new IllegalArgumentException("the input already has a column '" + output
                        + "'; choose another output column name (--label-column, --probability-column, "
                        + "--top-k-column)");
            }
        }
        return schema.add(labelCol, DataTypes.StringType, false)
                .add(probabilityCol, DataTypes.DoubleType, false)
                .add(topKCol, DataTypes.createArrayType(SCORED_LABEL, false), false);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType output = transformSchema(dataset.schema());
        Broadcast<ModelPayload> model = broadcast(dataset.sparkSession());
        int textIndex = dataset.schema().fieldIndex(inputCol);
        int k = topK;
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) rows ->
                classify(rows, model.value().classifier(model.id()), textIndex, k), Encoders.row(output));
    }

    private synchronized Broadcast<ModelPayload> broadcast(SparkSession spark) {
        if (shared == null) {
            shared = spark.sparkContext().broadcast(payload, scala.reflect.ClassTag$.MODULE$.apply(ModelPayload.class));
        }
        return shared;
    }

    private static Iterator<Row> classify(Iterator<Row> rows, TextClassifier classifier, int textIndex, int k) {
        return new Iterator<>() {
            private Iterator<Row> batch = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && rows.hasNext()) {
                    batch = next(rows);
                }
                return batch.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return batch.next();
            }

            private Iterator<Row> next(Iterator<Row> source) {
                List<Row> inputs = new ArrayList<>(BATCH);
                List<String> texts = new ArrayList<>(BATCH);
                while (source.hasNext() && inputs.size() < BATCH) {
                    Row row = source.next();
                    inputs.add(row);
                    texts.add(row.isNullAt(textIndex) ? "" : row.getString(textIndex));
                }
                List<Prediction> predictions = classifier.predict(texts, k);
                List<Row> out = new ArrayList<>(inputs.size());
                for (int i = 0; i < inputs.size(); i++) {
                    out.add(withPrediction(inputs.get(i), predictions.get(i)));
                }
                return out.iterator();
            }
        };
    }

    private static Row withPrediction(Row row, Prediction prediction) {
        Object[] values = new Object[row.length() + 3];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        List<ScoredLabel> top = prediction.labels();
        Row[] scored = new Row[top.size()];
        for (int i = 0; i < scored.length; i++) {
            scored[i] = RowFactory.create(top.get(i).label(), top.get(i).probability());
        }
        values[row.length()] = prediction.top().label();
        values[row.length() + 1] = prediction.top().probability();
        values[row.length() + 2] = scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(scored)).toSeq();
        return RowFactory.create(values);
    }

    @Override
    public TextclfTransformer copy(ParamMap extra) {
        TextclfTransformer copy = new TextclfTransformer(uid, payload);
        copy.inputCol = inputCol;
        copy.labelCol = labelCol;
        copy.probabilityCol = probabilityCol;
        copy.topKCol = topKCol;
        copy.topK = topK;
        return copy;
    }

    /** Releases the broadcast model on the executors and the driver. */
    public void release() {
        if (shared != null) {
            shared.destroy();
            shared = null;
        }
    }
}
