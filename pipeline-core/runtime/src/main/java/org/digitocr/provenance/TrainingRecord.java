package org.digitocr.provenance;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a model was trained, typed: the recipe, the examples it saw, how the work was spread, what it started
 * from or which members it joins, and how the run went. One record for the single-machine trainer, the Spark
 * job and ensembles, each filling the parts that apply (absent parts are left out of the card), so a reader of
 * any card finds the same names in the same places.
 *
 * @param recipe        hyper-parameters; absent for an ensemble, whose members carry their own
 * @param examples      what the network trained and was validated on
 * @param distributed   how a Spark run spread the work; absent on one machine
 * @param initialModel  the model a fine-tuning run started from; absent when trained from scratch
 * @param ensemble      the members an ensemble averages; absent for a single network
 * @param outcome       epochs, best epoch and timings; absent for an ensemble
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainingRecord(Recipe recipe, Examples examples, Distributed distributed, Start initialModel,
                             Ensemble ensemble, Outcome outcome) {

    /** The record of a network trained from scratch on one machine or on Spark. */
    public static TrainingRecord of(Recipe recipe, Examples examples) {
        return new TrainingRecord(recipe, examples, null, null, null, null);
    }

    public TrainingRecord withDistributed(Distributed d) {
        return new TrainingRecord(recipe, examples, d, initialModel, ensemble, outcome);
    }

    public TrainingRecord withInitialModel(Start start) {
        return new TrainingRecord(recipe, examples, distributed, start, ensemble, outcome);
    }

    public TrainingRecord withOutcome(Outcome o) {
        return new TrainingRecord(recipe, examples, distributed, initialModel, ensemble, o);
    }

    /**
     * The hyper-parameters of a run.
     *
     * @param augmentation the augmentation's settings by name (probabilities, ranges), as the trainer defines them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipe(long seed, int maxEpochs, int batchSize, String optimizer, String engine,
                         String learningRateSchedule, Integer earlyStoppingPatience, Map<String, Double> augmentation) {
    }

    /**
     * The examples a network trained and was validated on, by source: MNIST's split, digits read off generated
     * forms, digits rewritten in other hands, digits drawn from fonts, marks taught as no digit. Parts a run did not
     * use are absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Examples(int train, Integer validation, Integer scannedForms, Integer scannedTrain,
                           Integer notDigits, Integer scannedValidation, String handStyles, Integer styledTrain,
                           Integer styledValidation, String fontDigits, Integer fontTrain, String notDigitMarks,
                           Integer markTrain) {
        /** Examples of MNIST's split alone. */
        public static Examples mnist(int train) {
            return new Examples(train, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        public Examples withValidation(int n) {
            return new Examples(train, n, scannedForms, scannedTrain, notDigits, scannedValidation, handStyles,
                    styledTrain, styledValidation, fontDigits, fontTrain, notDigitMarks, markTrain);
        }
    }

    /** How a Spark run spread the training over its workers. */
    public record Distributed(String method, int workers, int batchSizePerWorker, int averagingFrequency,
                              String sparkVersion, String sparkMaster) {
    }

    /**
     * The model a fine-tuning run started from.
     *
     * @param id       the starting model's identity ({@code name@createdAt#networks})
     * @param path     where it was read from
     * @param network  its network file
     * @param frozen   what fine-tuning kept fixed, when anything
     * @param training the starting model's own record
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Start(String id, String path, DataFile network, String frozen, TrainingRecord training) {
    }

    /**
     * The members whose logits an ensemble averages.
     *
     * @param validationExamples the digits the ensemble's own temperature and review thresholds were fitted on
     */
    public record Ensemble(String method, int validationExamples, List<Member> members) {
    }

    /** One member of an ensemble: where it came from, its networks, split, record and metrics. */
    public record Member(String path, String createdAt, List<DataFile> networks, String split,
                         TrainingRecord training, Map<String, Double> metrics) {
    }

    /** How a run went: epochs run, the best epoch, and its timings. */
    public record Outcome(int epochsRun, int bestEpoch, long trainingSeconds, long secondsPerEpoch,
                          long trainImagesPerSecond) {
    }
}
