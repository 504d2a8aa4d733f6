// A fitted Gaussian as the loop keeps it: its mean and the Cholesky factor of its covariance. Keeping the
// factor (not Σ) is what makes the next generation's draws and the Wishart update cheap.

/** N(mean, chol·cholᵀ) of dimension d: mean has length d; chol is lower-triangular d×d, row-major. */
export interface GaussianModel {
  mean: Float64Array;
  chol: Float64Array;
}

export function createModel(d: number): GaussianModel {
  return { mean: new Float64Array(d), chol: new Float64Array(d * d) };
}

export function cloneModel(model: GaussianModel): GaussianModel {
  return { mean: Float64Array.from(model.mean), chol: Float64Array.from(model.chol) };
}
