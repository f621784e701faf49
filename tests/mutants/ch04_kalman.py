"""Named wrong answers for Homework 4 (solutions/ch04_kalman.ipynb), as edits of the master's
solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

MUTANTS = {
    # q1: kalman_predict
    "Q left out of the prediction": edit("kalman_predict", "A @ P @ A.T + Q", "A @ P @ A.T"),
    "A not transposed": edit("kalman_predict", "A @ P @ A.T", "A @ P @ A"),
    "mean not propagated": edit("kalman_predict", "mu_pred = A @ mu", "mu_pred = mu"),
    # q2: kalman_update
    "gain without the matrix inverse": edit("kalman_update", "@ np.linalg.inv(S)", "@ S"),
    "gain divides by S": edit("kalman_update", "@ np.linalg.inv(S)", "/ S"),
    "R left out of S": [edit("kalman_update", "@ C.T + R", "@ C.T"),
                        edit("kalman_update", "np.linalg.inv(S)", "np.linalg.pinv(S)")],
    "covariance update sign error": edit("kalman_update", "P_pred - G @", "P_pred + G @"),
    "innovation sign flipped": edit("kalman_update", "e = y - C @ mu_pred", "e = C @ mu_pred - y"),
    # q3: kalman_loglik
    "2 pi constant left out": edit("kalman_loglik", "m * np.log(2 * np.pi) + ", ""),
    # The public tests observe one channel (m = 1), where this is right.
    "2 pi not times m": edit("kalman_loglik", "m * np.log(2 * np.pi)",
                                             "np.log(2 * np.pi)"),
    "log det left out": edit("kalman_loglik", "np.linalg.slogdet(S)[1]\n                         + ", ""),
    "R instead of S in the density": edit(
        "kalman_loglik", "np.linalg.slogdet(S)[1]\n                         + e @ np.linalg.solve(S, e)",
        "np.linalg.slogdet(R)[1]\n                         + e @ np.linalg.solve(R, e)"),
    "filtered instead of predicted mean": edit(
        "kalman_loglik", "e = y_t - C @ mu_pred",
        "e = y_t - C @ kalman_update(mu_pred, P_pred, y_t, C, R)[0]"),
    "first observation skipped": [
        edit("kalman_loglik", "for y_t in y:", "for t, y_t in enumerate(y):"),
        edit("kalman_loglik", "total += -0.5 *", "total += (t > 0) * -0.5 *"),
    ],
    "last observation skipped": edit("kalman_loglik", "for y_t in y:", "for y_t in y[:-1]:"),
    "innovation without C": edit("kalman_loglik", "e = y_t - C @ mu_pred", "e = y_t - mu_pred"),
    "S without C": edit("kalman_loglik", "S = C @ P_pred @ C.T + R", "S = P_pred + R"),
    "m from the wrong axis of C": edit("kalman_loglik", "m = C.shape[0]", "m = C.shape[1]"),
    # q4: ekf_step
    "A instead of A-tilde": edit("ekf_step", "P_pred = A_tilde @ P @ A_tilde.T", "P_pred = A @ P @ A.T"),
    "Jacobian evaluated at the wrong point": edit(
        "ekf_step", "C_tilde = (1 - np.tanh(C @ mu_pred) ** 2)", "C_tilde = (1 - np.tanh(C @ mu) ** 2)"),
    "A-tilde at mu_pred": edit(
        "ekf_step", "A_tilde = (1 - np.tanh(A @ mu) ** 2)", "A_tilde = (1 - np.tanh(A @ mu_pred) ** 2)"),
    "linearised innovation": edit("ekf_step", "e = y - np.tanh(C @ mu_pred)", "e = y - C_tilde @ mu_pred"),
    "C instead of C-tilde": edit("ekf_step", "C_tilde = (1 - np.tanh(C @ mu_pred) ** 2)[:, None] * C",
                                 "C_tilde = C"),
    # q5a: filter_rmse (the experiment)
    "predicted mean used": edit("filter_rmse", "errors.append(mu - z_t)",
                                               "errors.append(mu_pred - z_t)"),
    "mean absolute error": edit(
        "filter_rmse", "np.sqrt(np.mean(np.square(errors)))", "np.mean(np.abs(errors))"),
    "root of the sum": edit(
        "filter_rmse", "np.sqrt(np.mean(np.square(errors)))", "np.sqrt(np.sum(np.square(errors)))"),
    "prior restarted every step": edit("filter_rmse", "kalman_predict(mu, P, A, Q)",
                                          "kalman_predict(mu0, P0, A, Q)"),
}
