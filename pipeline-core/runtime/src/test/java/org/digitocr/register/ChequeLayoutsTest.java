package org.digitocr.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.digitocr.form.FormTemplate;
import org.digitocr.reject.RejectCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Templates made from the real cheques of four banks (CHEQUE_LAYOUTS_DIR, ../shared/data/cheque-layouts in CI):
 * each finds its own bank's cheque, also rescanned smaller, turned and cut, and refuses the other banks'. Skipped
 * with a message where the cheques are absent: they are never part of the repository.
 */
class ChequeLayoutsTest {
    static final List<String> BANKS = List.of("axis", "canara", "icici", "syndicate");
    static Map<String, FormTemplate> templates = new LinkedHashMap<>();
    static Map<String, BufferedImage> samples = new LinkedHashMap<>();

    static Path dir() {
        String env = System.getenv("CHEQUE_LAYOUTS_DIR");
        return env == null ? null : Path.of(env);
    }

    @BeforeAll
    static void makeTemplates() throws IOException {
        Path dir = dir();
        assumeTrue(dir != null && Files.isDirectory(dir), "CHEQUE_LAYOUTS_DIR (the real cheque layouts, not in the"
                + " repository) is not set or absent: " + dir);
        TemplateFromSample maker = new TemplateFromSample(Set.of());
        for (String bank : BANKS) {
            Path sample;
            try (var s = Files.list(dir)) {
                sample = s.filter(p -> p.getFileName().toString().startsWith(bank + "-")).findFirst().orElseThrow();
            }
            templates.put(bank, maker.make(sample, dir.resolve(bank + ".fields.json")).template());
            samples.put(bank, ImageIO.read(sample.toFile()));
        }
    }

    @Test
    void eachCheque_isFoundByItsOwnBanksTemplateAmongAllFour() throws Exception {
        FormRegistrar all = new FormRegistrar(List.copyOf(templates.values()), RegistrationConfig.defaults());
        for (String bank : BANKS) {
            assertEquals(bank, all.register(GreyPage.of(samples.get(bank))).template().name());
        }
    }

    @Test
    void aChequeRescannedSmallerTurnedAndCut_isFoundWhereItIs() throws Exception {
        FormRegistrar all = new FormRegistrar(List.copyOf(templates.values()), RegistrationConfig.defaults());
        for (String bank : BANKS) {
            BufferedImage s = samples.get(bank);
            AffineTransform t = new AffineTransform();
            t.translate(-40, 25);
            t.rotate(Math.toRadians(2), s.getWidth() * 0.3, s.getHeight() * 0.3);
            t.scale(0.6, 0.6);
            BufferedImage page = Layouts.scan(s, t, (int) (s.getWidth() * 0.6), (int) (s.getHeight() * 0.65));
            Registration r = all.register(GreyPage.of(page));
            assertEquals(bank, r.template().name());
            Layouts.assertFieldsWhere(r, t, 2);
        }
    }

    @Test
    void aChequeOfAnotherBank_isRejectedNeverRead() {
        for (String bank : BANKS) {
            List<FormTemplate> others = new ArrayList<>(templates.values());
            others.remove(templates.get(bank));
            RegistrationException e = assertThrows(RegistrationException.class, () -> new FormRegistrar(others,
                    RegistrationConfig.defaults()).register(GreyPage.of(samples.get(bank))));
            assertEquals(RejectCode.NO_TEMPLATE_FITS, e.code(), bank);
            assertTrue(e.getMessage().contains("printed features found in place"), e.getMessage());
        }
    }
}
