#include "fairshare.h"

namespace fairshare {

QList<double> divide(double total,
                     const QList<double> &deserved,
                     const QList<double> &weights,
                     const QList<double> &limits)
{
    const qsizetype n = deserved.size();
    QList<double> share(n, 0.0);
    double left = total;
    for (qsizetype i = 0; i < n; ++i) {
        share[i] = std::min(std::max(0.0, deserved[i]), std::max(0.0, left));
        left -= share[i];
    }
    // Water-filling of the rest by weight, respecting limits (a few rounds suffice for our sizes).
    for (int round = 0; round < 8 && left > 1e-9; ++round) {
        double weightSum = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const bool capped = limits[i] >= 0 && share[i] >= limits[i] - 1e-9;
            if (!capped)
                weightSum += std::max(0.0, weights[i] < 0 ? 2.0 : weights[i]);
        }
        if (weightSum <= 0)
            break;
        double given = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const bool capped = limits[i] >= 0 && share[i] >= limits[i] - 1e-9;
            if (capped)
                continue;
            double extra = left * std::max(0.0, weights[i] < 0 ? 2.0 : weights[i]) / weightSum;
            if (limits[i] >= 0)
                extra = std::min(extra, limits[i] - share[i]);
            share[i] += extra;
            given += extra;
        }
        left -= given;
        if (given <= 1e-9)
            break;
    }
    return share;
}

QHash<QString, QHash<QString, double>> estimate(const QList<api::OrgUnit> &departments,
                                                const QList<api::OrgUnit> &projects,
                                                const QHash<QString, double> &poolGpus)
{
    QHash<QString, QHash<QString, double>> out;
    auto params = [](const api::OrgUnit &u,
                     const QString &pool,
                     QList<double> *d,
                     QList<double> *w,
                     QList<double> *l) {
        const api::PoolResources *r = u.resourcesFor(pool);
        d->append(r ? r->gpuDeserved : 0);
        w->append(r ? r->gpuOverQuotaWeight : -1);
        l->append(r ? r->gpuLimit : -1);
    };
    for (auto pool = poolGpus.constBegin(); pool != poolGpus.constEnd(); ++pool) {
        QList<double> d, w, l;
        for (const api::OrgUnit &dep : departments)
            params(dep, pool.key(), &d, &w, &l);
        const QList<double> depShares = divide(pool.value(), d, w, l);
        for (qsizetype i = 0; i < departments.size(); ++i) {
            const api::OrgUnit &dep = departments.at(i);
            out[dep.id][pool.key()] = depShares[i];
            QList<double> pd, pw, pl;
            QList<const api::OrgUnit *> children;
            for (const api::OrgUnit &p : projects) {
                if (p.parentId == dep.id) {
                    children.append(&p);
                    params(p, pool.key(), &pd, &pw, &pl);
                }
            }
            const QList<double> shares = divide(depShares[i], pd, pw, pl);
            for (qsizetype j = 0; j < children.size(); ++j)
                out[children[j]->id][pool.key()] = shares[j];
        }
    }
    return out;
}

} // namespace fairshare
