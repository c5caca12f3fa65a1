package org.digitocr.register;

/**
 * Least-squares fits of point correspondences: an affine map (6 parameters) for registration and a similarity
 * (rotation, uniform scale, shift) whose residual tells a true mark layout from a chance arrangement of blobs.
 */
final class PlaneFit {
    private PlaneFit() {
    }

    /** Affine {a, b, c, d, e, f} with x' = a x + b y + c, y' = d x + e y + f. Needs >= 3 points not on a line. */
    static double[] affine(double[][] from, double[][] to) {
        double[][] ata = new double[3][3];
        double[] atx = new double[3];
        double[] aty = new double[3];
        for (int i = 0; i < from.length; i++) {
            double[] r = {from[i][0], from[i][1], 1};
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    ata[a][b] += r[a] * r[b];
                }
                atx[a] += r[a] * to[i][0];
                aty[a] += r[a] * to[i][1];
            }
        }
        double[] px = solve(copy(ata), atx);
        double[] py = solve(copy(ata), aty);
        return new double[] {px[0], px[1], px[2], py[0], py[1], py[2]};
    }

    /** Similarity {a, b, tx, ty}: x' = a x - b y + tx, y' = b x + a y + ty (scale = hypot(a, b)). */
    static double[] similarity(double[][] from, double[][] to) {
        double[][] ata = new double[4][4];
        double[] atb = new double[4];
        for (int i = 0; i < from.length; i++) {
            double x = from[i][0];
            double y = from[i][1];
            double[][] rows = {{x, -y, 1, 0}, {y, x, 0, 1}};
            double[] rhs = {to[i][0], to[i][1]};
            for (int k = 0; k < 2; k++) {
                for (int a = 0; a < 4; a++) {
                    for (int b = 0; b < 4; b++) {
                        ata[a][b] += rows[k][a] * rows[k][b];
                    }
                    atb[a] += rows[k][a] * rhs[k];
                }
            }
        }
        return solve(ata, atb);
    }

    static double[] applyAffine(double[] m, double x, double y) {
        return new double[] {m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]};
    }

    static double[] applySimilarity(double[] s, double x, double y) {
        return new double[] {s[0] * x - s[1] * y + s[2], s[1] * x + s[0] * y + s[3]};
    }

    /** Root-mean-square distance between mapped {@code from} points and {@code to}. */
    static double rmsSimilarity(double[] s, double[][] from, double[][] to) {
        double sum = 0;
        for (int i = 0; i < from.length; i++) {
            double[] p = applySimilarity(s, from[i][0], from[i][1]);
            sum += sq(p[0] - to[i][0]) + sq(p[1] - to[i][1]);
        }
        return Math.sqrt(sum / from.length);
    }

    static double[] invertAffine(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        double a = m[4] / det;
        double b = -m[1] / det;
        double d = -m[3] / det;
        double e = m[0] / det;
        return new double[] {a, b, -(a * m[2] + b * m[5]), d, e, -(d * m[2] + e * m[5])};
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[] x = b.clone();
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][col]) < 1e-12) {
                throw new ArithmeticException("degenerate point configuration");
            }
            double[] tr = a[col];
            a[col] = a[piv];
            a[piv] = tr;
            double tb = x[col];
            x[col] = x[piv];
            x[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = x[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
