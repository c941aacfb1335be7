namespace FiftyOneBrain.Brain.Visualization;

/// <summary>
/// UMAP's low-dimensional similarity 1 / (1 + a x^(2b)), with a and b fitted (least squares, as umap-learn's
/// find_ab_params with scipy's curve_fit) to 1 for x &lt; min_dist and exp(-(x - min_dist) / spread) beyond, on 300
/// points evenly spaced over [0, 3 spread]. The fit is Levenberg-Marquardt from a = b = 1, curve_fit's start.
/// </summary>
public static class CurveParameters
{
    private const int Points = 300;
    /// <summary>MINPACK's ftol and xtol as curve_fit passes them: stop when the cost or the step changes relatively less.</summary>
    private const double Tolerance = 1.49012e-8;

    public static (double A, double B) Fit(double minDistance, double spread = 1.0)
    {
        if (!(spread > 0)) throw new ArgumentOutOfRangeException(nameof(spread), spread, "The spread must be positive.");
        if (!(minDistance >= 0) || minDistance > spread) throw new ArgumentOutOfRangeException(nameof(minDistance), minDistance, "min_dist must be between 0 and the spread.");
        var x = new double[Points];
        var y = new double[Points];
        for (var i = 0; i < Points; i++)
        {
            x[i] = spread * 3 * i / (Points - 1);
            y[i] = x[i] < minDistance ? 1.0 : Math.Exp(-(x[i] - minDistance) / spread);
        }
        double a = 1, b = 1, lambda = 1e-3;
        var cost = Cost(x, y, a, b);
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            // Normal equations of the 2-parameter Gauss-Newton step J^T J dp = -J^T r, damped on the diagonal.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (var i = 0; i < Points; i++)
            {
                var (f, da, db) = Model(x[i], a, b);
                var r = f - y[i];
                jaa += da * da; jab += da * db; jbb += db * db;
                ga += da * r; gb += db * r;
            }
            var improved = false;
            while (lambda < 1e12)
            {
                var m11 = jaa * (1 + lambda);
                var m22 = jbb * (1 + lambda);
                var det = m11 * m22 - jab * jab;
                var stepA = -(m22 * ga - jab * gb) / det;
                var stepB = -(m11 * gb - jab * ga) / det;
                var trial = Cost(x, y, a + stepA, b + stepB);
                if (double.IsFinite(trial) && trial <= cost)
                {
                    var converged = cost - trial <= Tolerance * cost
                        || (Math.Abs(stepA) <= Tolerance * Math.Abs(a) && Math.Abs(stepB) <= Tolerance * Math.Abs(b));
                    a += stepA; b += stepB; cost = trial;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = true;
                    if (converged) return (a, b);
                    break;
                }
                lambda *= 10;
            }
            if (!improved) break;
        }
        return (a, b);
    }

    /// <summary>f = 1 / (1 + a x^(2b)) and its derivatives in a and b.</summary>
    private static (double F, double DA, double DB) Model(double x, double a, double b)
    {
        if (x == 0) return (1, 0, 0);
        var p = Math.Pow(x, 2 * b);
        var denominator = 1 + a * p;
        var f = 1 / denominator;
        var common = -f * f;
        return (f, common * p, common * a * p * 2 * Math.Log(x));
    }

    private static double Cost(double[] x, double[] y, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var r = Model(x[i], a, b).F - y[i];
            sum += r * r;
        }
        return sum;
    }
}
