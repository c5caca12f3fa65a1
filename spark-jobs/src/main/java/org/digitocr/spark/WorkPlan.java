package org.digitocr.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Spreads input files over partitions so that their estimated work is balanced: heaviest first, each to the
 * currently lightest partition (longest-processing-time scheduling, within 4/3 of the optimum).
 */
public final class WorkPlan {
    /**
     * About this many files' work in one partition by default. Small tasks keep every slot busy to the end: a slot
     * that is faster (another machine, a core not shared) or drew lighter pages takes the next task, instead of
     * the run waiting on the last of a few long ones. A task's own cost is small: the pipeline is built once per
     * executor.
     */
    static final int FILES_PER_TASK = 50;

    private WorkPlan() {
    }

    /** Partitions for {@code work} files' worth of work on {@code parallelism} task slots: at least two per slot. */
    public static int defaultPartitions(double work, int parallelism) {
        return Math.max(2 * parallelism, (int) Math.ceil(work / FILES_PER_TASK));
    }

    /** At most {@code partitions} non-empty groups; every file is in exactly one. */
    public static List<List<InputFile>> balance(List<InputFile> files, int partitions) {
        int n = Math.max(1, Math.min(partitions, files.size()));
        List<List<InputFile>> groups = new ArrayList<>();
        double[] load = new double[n];
        PriorityQueue<Integer> lightest = new PriorityQueue<>(
                Comparator.<Integer>comparingDouble(i -> load[i]).thenComparingInt(i -> i));
        for (int i = 0; i < n; i++) {
            groups.add(new ArrayList<>());
            lightest.add(i);
        }
        List<InputFile> byWeight = new ArrayList<>(files);
        byWeight.sort(Comparator.comparingDouble(InputFile::weight).reversed().thenComparing(InputFile::path));
        for (InputFile f : byWeight) {
            int g = lightest.poll();
            groups.get(g).add(f);
            load[g] += f.weight();
            lightest.add(g);
        }
        groups.removeIf(List::isEmpty);
        return groups;
    }
}
