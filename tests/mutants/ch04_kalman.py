"""Named wrong answers for Homework 4 (solutions/ch04_kalman.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    # q1: kalman_predict
    "Q left out of the prediction": '''
def kalman_predict(mu, P, A, Q):
    return A @ mu, A @ P @ A.T
''',
    "A not transposed": '''
def kalman_predict(mu, P, A, Q):
    return A @ mu, A @ P @ A + Q
''',
    "mean not propagated": '''
def kalman_predict(mu, P, A, Q):
    return mu, A @ P @ A.T + Q
''',
    # q2: kalman_update
    "gain without the matrix inverse": '''
def kalman_update(mu_pred, P_pred, y, C, R):
    S = C @ P_pred @ C.T + R
    K = P_pred @ C.T @ S
    return mu_pred + K @ (y - C @ mu_pred), P_pred - K @ C @ P_pred
''',
    "gain divides by S": '''
def kalman_update(mu_pred, P_pred, y, C, R):
    S = C @ P_pred @ C.T + R
    K = P_pred @ C.T / S
    return mu_pred + K @ (y - C @ mu_pred), P_pred - K @ C @ P_pred
''',
    "R left out of S": '''
def kalman_update(mu_pred, P_pred, y, C, R):
    S = C @ P_pred @ C.T
    K = P_pred @ C.T @ np.linalg.pinv(S)
    return mu_pred + K @ (y - C @ mu_pred), P_pred - K @ C @ P_pred
''',
    "covariance update sign error": '''
def kalman_update(mu_pred, P_pred, y, C, R):
    S = C @ P_pred @ C.T + R
    K = P_pred @ C.T @ np.linalg.inv(S)
    return mu_pred + K @ (y - C @ mu_pred), P_pred + K @ C @ P_pred
''',
    "innovation sign flipped": '''
def kalman_update(mu_pred, P_pred, y, C, R):
    S = C @ P_pred @ C.T + R
    K = P_pred @ C.T @ np.linalg.inv(S)
    return mu_pred + K @ (C @ mu_pred - y), P_pred - K @ C @ P_pred
''',
    # q3: kalman_loglik
    "2 pi constant left out": '''
def kalman_loglik(y, A, C, Q, R, mu0, P0):
    mu, P, total = mu0, P0, 0.0
    for y_t in y:
        mu_pred, P_pred = kalman_predict(mu, P, A, Q)
        e = y_t - C @ mu_pred
        S = C @ P_pred @ C.T + R
        total += -0.5 * (np.linalg.slogdet(S)[1] + e @ np.linalg.solve(S, e))
        mu, P = kalman_update(mu_pred, P_pred, y_t, C, R)
    return float(total)
''',
    "log det left out": '''
def kalman_loglik(y, A, C, Q, R, mu0, P0):
    m = C.shape[0]
    mu, P, total = mu0, P0, 0.0
    for y_t in y:
        mu_pred, P_pred = kalman_predict(mu, P, A, Q)
        e = y_t - C @ mu_pred
        S = C @ P_pred @ C.T + R
        total += -0.5 * (m * np.log(2 * np.pi) + e @ np.linalg.solve(S, e))
        mu, P = kalman_update(mu_pred, P_pred, y_t, C, R)
    return float(total)
''',
    "R instead of S in the density": '''
def kalman_loglik(y, A, C, Q, R, mu0, P0):
    m = C.shape[0]
    mu, P, total = mu0, P0, 0.0
    for y_t in y:
        mu_pred, P_pred = kalman_predict(mu, P, A, Q)
        e = y_t - C @ mu_pred
        total += -0.5 * (m * np.log(2 * np.pi) + np.linalg.slogdet(R)[1]
                         + e @ np.linalg.solve(R, e))
        mu, P = kalman_update(mu_pred, P_pred, y_t, C, R)
    return float(total)
''',
    "filtered instead of predicted mean": '''
def kalman_loglik(y, A, C, Q, R, mu0, P0):
    m = C.shape[0]
    mu, P, total = mu0, P0, 0.0
    for y_t in y:
        mu_pred, P_pred = kalman_predict(mu, P, A, Q)
        S = C @ P_pred @ C.T + R
        mu, P = kalman_update(mu_pred, P_pred, y_t, C, R)
        e = y_t - C @ mu
        total += -0.5 * (m * np.log(2 * np.pi) + np.linalg.slogdet(S)[1]
                         + e @ np.linalg.solve(S, e))
    return float(total)
''',
    "first observation skipped": '''
def kalman_loglik(y, A, C, Q, R, mu0, P0):
    m = C.shape[0]
    mu, P, total = mu0, P0, 0.0
    for t, y_t in enumerate(y):
        mu_pred, P_pred = kalman_predict(mu, P, A, Q)
        e = y_t - C @ mu_pred
        S = C @ P_pred @ C.T + R
        if t > 0:
            total += -0.5 * (m * np.log(2 * np.pi) + np.linalg.slogdet(S)[1]
                             + e @ np.linalg.solve(S, e))
        mu, P = kalman_update(mu_pred, P_pred, y_t, C, R)
    return float(total)
''',
    "last observation skipped": '''
def kalman_loglik(y, A, C, Q, R, mu0, P0):
    m = C.shape[0]
    mu, P, total = mu0, P0, 0.0
    for y_t in y[:-1]:
        mu_pred, P_pred = kalman_predict(mu, P, A, Q)
        e = y_t - C @ mu_pred
        S = C @ P_pred @ C.T + R
        total += -0.5 * (m * np.log(2 * np.pi) + np.linalg.slogdet(S)[1]
                         + e @ np.linalg.solve(S, e))
        mu, P = kalman_update(mu_pred, P_pred, y_t, C, R)
    return float(total)
''',
    # q4: ekf_step
    "A instead of A-tilde": '''
def ekf_step(mu, P, y, A, C, Q, R):
    mu_pred = np.tanh(A @ mu)
    P_pred = A @ P @ A.T + Q
    C_tilde = (1 - np.tanh(C @ mu_pred) ** 2)[:, None] * C
    S = C_tilde @ P_pred @ C_tilde.T + R
    K = P_pred @ C_tilde.T @ np.linalg.inv(S)
    return mu_pred + K @ (y - np.tanh(C @ mu_pred)), P_pred - K @ C_tilde @ P_pred
''',
    "Jacobian evaluated at the wrong point": '''
def ekf_step(mu, P, y, A, C, Q, R):
    mu_pred = np.tanh(A @ mu)
    A_tilde = (1 - np.tanh(A @ mu) ** 2)[:, None] * A
    P_pred = A_tilde @ P @ A_tilde.T + Q
    C_tilde = (1 - np.tanh(C @ mu) ** 2)[:, None] * C  # at the old mean, not mu_pred
    S = C_tilde @ P_pred @ C_tilde.T + R
    K = P_pred @ C_tilde.T @ np.linalg.inv(S)
    return mu_pred + K @ (y - np.tanh(C @ mu_pred)), P_pred - K @ C_tilde @ P_pred
''',
    "A-tilde at mu_pred": '''
def ekf_step(mu, P, y, A, C, Q, R):
    mu_pred = np.tanh(A @ mu)
    A_tilde = (1 - np.tanh(A @ mu_pred) ** 2)[:, None] * A
    P_pred = A_tilde @ P @ A_tilde.T + Q
    C_tilde = (1 - np.tanh(C @ mu_pred) ** 2)[:, None] * C
    S = C_tilde @ P_pred @ C_tilde.T + R
    K = P_pred @ C_tilde.T @ np.linalg.inv(S)
    return mu_pred + K @ (y - np.tanh(C @ mu_pred)), P_pred - K @ C_tilde @ P_pred
''',
    "linearised innovation": '''
def ekf_step(mu, P, y, A, C, Q, R):
    mu_pred = np.tanh(A @ mu)
    A_tilde = (1 - np.tanh(A @ mu) ** 2)[:, None] * A
    P_pred = A_tilde @ P @ A_tilde.T + Q
    C_tilde = (1 - np.tanh(C @ mu_pred) ** 2)[:, None] * C
    S = C_tilde @ P_pred @ C_tilde.T + R
    K = P_pred @ C_tilde.T @ np.linalg.inv(S)
    return mu_pred + K @ (y - C_tilde @ mu_pred), P_pred - K @ C_tilde @ P_pred
''',
    "C instead of C-tilde": '''
def ekf_step(mu, P, y, A, C, Q, R):
    mu_pred = np.tanh(A @ mu)
    A_tilde = (1 - np.tanh(A @ mu) ** 2)[:, None] * A
    P_pred = A_tilde @ P @ A_tilde.T + Q
    S = C @ P_pred @ C.T + R
    K = P_pred @ C.T @ np.linalg.inv(S)
    return mu_pred + K @ (y - np.tanh(C @ mu_pred)), P_pred - K @ C @ P_pred
''',
}
