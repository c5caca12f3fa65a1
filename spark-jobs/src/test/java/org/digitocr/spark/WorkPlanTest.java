package org.digitocr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Partitions are balanced by estimated pages, and every file lands in exactly one. */
class WorkPlanTest {
    @Test
    void multiPageTiffsAreSpreadAndEveryFileIsPlacedOnce() {
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(new InputFile("scan-" + i + ".png", 300_000, InputListing.weight("scan-" + i + ".png", 300_000)));
        }
        files.add(new InputFile("batch-a.tif", 2_500_000, InputListing.weight("batch-a.tif", 2_500_000)));
        files.add(new InputFile("batch-b.TIFF", 2_500_000, InputListing.weight("batch-b.TIFF", 2_500_000)));
        assertEquals(10.0, files.get(20).weight(), 1e-9);

        List<List<InputFile>> plan = WorkPlan.balance(files, 4);
        assertEquals(4, plan.size());
        Set<String> placed = new HashSet<>();
        double max = 0, min = Double.MAX_VALUE;
        for (List<InputFile> g : plan) {
            double load = g.stream().mapToDouble(InputFile::weight).sum();
            max = Math.max(max, load);
            min = Math.min(min, load);
            g.forEach(f -> assertTrue(placed.add(f.path()), "placed twice: " + f));
        }
        assertEquals(files.size(), placed.size());
        assertTrue(max - min <= 1.0, "loads within one page: " + min + ".." + max);
        assertTrue(plan.stream().noneMatch(g -> g.stream().filter(f -> f.path().contains(".tif")
                || f.path().contains(".TIFF")).count() > 1), "the two TIFFs are in different partitions");
    }

    @Test
    void neverMorePartitionsThanFiles() {
        List<InputFile> files = List.of(new InputFile("a.png", 1, 1), new InputFile("b.png", 1, 1));
        assertEquals(2, WorkPlan.balance(files, 8).size());
        assertEquals(1, WorkPlan.balance(files, 1).size());
    }

    @Test
    void aLargeBatchIsCutIntoTasksOfAboutFiftyFilesAndASmallOneGetsTwoPerSlot() {
        assertEquals(4, WorkPlan.defaultPartitions(14, 2));
        assertEquals(4, WorkPlan.defaultPartitions(200, 2));
        assertEquals(101, WorkPlan.defaultPartitions(5_012, 2));
        assertEquals(64, WorkPlan.defaultPartitions(1_000, 32));
    }
}
