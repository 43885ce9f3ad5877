// The RBAC matrix: every predefined role × every checked route of the route table × an in-scope and an
// out-of-scope target, for a subject granted the role tenant-wide and one granted it on department-1.
// The expected answer comes from the role table (predefinedroles.cpp) and the org tree; any
// difference fails, so there are zero unexpected allows (and zero unexpected denials).
//
// GET requests run for real. Mutating requests carry "X-Gpudesk-Authorize-Only: true": the server runs
// the same resolver and check, then answers 204 instead of running the handler, so one matrix run
// does not delete the fixtures that later rows need.
#include "rbac/predefinedroles.h"
#include "testserver.h"

#include <QTest>

using gpudesk::rbac::Scope;
using gpudesk::rbac::ScopeType;

class TestRbacMatrix : public QObject
{
    Q_OBJECT
private:
    TestServer s;
    QHash<QString, QString> in, out; // placeholder -> id for the in-scope and out-of-scope target
    QHash<QString, Scope> inScope, outScope; // kind -> scope
    QString d1;

    void addUser(const QString &email)
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        s.cp.store().users.put(id,
                               QJsonObject {{"id", id},
                                            {"username", email},
                                            {"enabled", true},
                                            {"passwordHash", "none"}});
    }
    void addRule(const QString &email, int roleId, ScopeType type, const QString &scopeId)
    {
        const int id = int(s.cp.store().nextNumber(QStringLiteral("access-rule")));
        s.cp.store().accessRules.put(QString::number(id),
                                     QJsonObject {{"id", id},
                                                  {"subjectId", email},
                                                  {"subjectType", "user"},
                                                  {"roleId", roleId},
                                                  {"scopeType", gpudesk::rbac::scopeTypeName(type)},
                                                  {"scopeId", scopeId}});
    }

    // What the route's scope resolver targets, by its path parameter or body field.
    enum class Target { List, Tenant, Project, Department, Cluster, RuleDepartment };
    static Target targetOf(const gpudesk::core::RouteSpec &route)
    {
        const QString &p = route.pattern;
        if (p.contains(QLatin1String("{workloadId}")) || p.contains(QLatin1String("{projectId}")))
            return Target::Project;
        if (p.contains(QLatin1String("{departmentId}")))
            return Target::Department;
        if (p.contains(QLatin1String("{clusterUuid}")) || p.contains(QLatin1String("{nodepoolId}"))
            || p.contains(QLatin1String("{nodeId}")))
            return Target::Cluster;
        if (p.contains(QLatin1String("{accessRuleId}")))
            return Target::RuleDepartment;
        if (route.method == "POST") {
            if (p.endsWith(QLatin1String("/org-unit/projects")))
                return Target::Department;
            if (p.endsWith(QLatin1String("/org-unit/departments"))
                || p.endsWith(QLatin1String("/node-pools")))
                return Target::Cluster;
            if (p.endsWith(QLatin1String("/access-rules")))
                return Target::RuleDepartment;
            for (const char *type : {"/trainings", "/workspaces", "/distributed", "/inferences"})
                if (p.endsWith(QLatin1String(type)))
                    return Target::Project;
        }
        // Everything else declares tenant() or list(); the list ones are the collection GETs and batches.
        static const QStringList lists {"/access-rules",
                                        "/access-rules/count",
                                        "/access-rules/batch",
                                        "/access-rules/batch-create",
                                        "/clusters",
                                        "/departments",
                                        "/departments/count",
                                        "/projects",
                                        "/projects/count",
                                        "/node-pools",
                                        "/node-pools/count",
                                        "/nodes",
                                        "/nodes/count",
                                        "/nodes/telemetry",
                                        "/workloads",
                                        "/workloads/count",
                                        "/workloads/pods",
                                        "/workloads/telemetry",
                                        "/workloads/batch"};
        for (const QString &suffix : lists) {
            if (p.endsWith(suffix)
                && !(suffix == QLatin1String("/clusters") && route.method == "POST"))
                return Target::List;
        }
        return Target::Tenant;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(s.start());
        auto &store = s.cp.store();
        d1 = s.idByName(store.departments, QStringLiteral("department-1"));
        const QString d3 = s.idByName(store.departments, QStringLiteral("department-3"));
        const QString p1a = s.idByName(store.projects, QStringLiteral("project-1a"));
        const QString p3a = s.idByName(store.projects, QStringLiteral("project-3a"));
        const QString a = s.clusterId(QStringLiteral("cluster-a"));
        const QString b = s.clusterId(QStringLiteral("cluster-b"));
        // Synced things to point at: a node and a workload on each side.
        const QString nodeA = QStringLiteral("node-a-id"), nodeB = QStringLiteral("node-b-id");
        store.nodes.put(nodeA, QJsonObject {{"id", nodeA}, {"name", "n-a"}, {"clusterUuid", a}});
        store.nodes.put(nodeB, QJsonObject {{"id", nodeB}, {"name", "n-b"}, {"clusterUuid", b}});
        store.workloads.put(QStringLiteral("wa"),
                            QJsonObject {{"id", "wa"},
                                         {"name", "wa"},
                                         {"projectId", p1a},
                                         {"clusterId", a},
                                         {"type", "Training"},
                                         {"createdAt", "2026-01-01"}});
        store.workloads.put(QStringLiteral("wb"),
                            QJsonObject {{"id", "wb"},
                                         {"name", "wb"},
                                         {"projectId", p3a},
                                         {"clusterId", b},
                                         {"type", "Training"},
                                         {"createdAt", "2026-01-01"}});
        QString poolA, poolB;
        for (const QJsonObject &pool : store.nodePools.items()) {
            if (pool.value("name").toString() == QLatin1String("pool-a"))
                poolA = pool.value("id").toString();
            if (pool.value("clusterId").toString() == b)
                poolB = pool.value("id").toString();
        }
        addRule(QStringLiteral("x@demo.local"),
                11,
                ScopeType::Department,
                d3); // a rule on the far side
        QString ruleD1, ruleD3;
        for (const QJsonObject &rule : store.accessRules.items()) {
            if (rule.value("scopeId").toString() == d1
                && rule.value("scopeType").toString() == QLatin1String("department"))
                ruleD1 = QString::number(rule.value("id").toInt());
            if (rule.value("scopeId").toString() == d3)
                ruleD3 = QString::number(rule.value("id").toInt());
        }
        const QString user
            = store.findUserByEmail(QStringLiteral("x@demo.local")).value("id").toString();
        in = {{"projectId", p1a},
              {"workloadId", "wa"},
              {"departmentId", d1},
              {"clusterUuid", a},
              {"nodepoolId", poolA},
              {"nodeId", nodeA},
              {"accessRuleId", ruleD1},
              {"userId", user},
              {"id", "none"},
              {"roleId", "1"},
              {"key", "browserSessionTimeout"},
              {"parent", d1},
              {"cluster", a},
              {"project", p1a},
              {"ruleScope", d1}};
        out = in;
        out.insert("projectId", p3a);
        out.insert("workloadId", "wb");
        out.insert("departmentId", d3);
        out.insert("clusterUuid", b);
        out.insert("nodepoolId", poolB);
        out.insert("nodeId", nodeB);
        out.insert("accessRuleId", ruleD3);
        out.insert("parent", d3);
        out.insert("cluster", b);
        out.insert("project", p3a);
        out.insert("ruleScope", d3);
        inScope = {{"project", Scope {ScopeType::Project, p1a}},
                   {"department", Scope {ScopeType::Department, d1}},
                   {"cluster", Scope {ScopeType::Cluster, a}}};
        outScope = {{"project", Scope {ScopeType::Project, p3a}},
                    {"department", Scope {ScopeType::Department, d3}},
                    {"cluster", Scope {ScopeType::Cluster, b}}};
        // Two subjects per predefined role: one with a tenant-wide grant, one granted on department-1.
        for (const gpudesk::rbac::Role &role : gpudesk::rbac::predefinedRoles()) {
            const QString tenantUser = QStringLiteral("role%1-tenant@matrix.local").arg(role.id);
            const QString deptUser = QStringLiteral("role%1-dept1@matrix.local").arg(role.id);
            addUser(tenantUser);
            addUser(deptUser);
            addRule(tenantUser, role.id, ScopeType::Tenant, store.tenantId());
            addRule(deptUser, role.id, ScopeType::Department, d1);
        }
    }

    void matrix_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("allowed");
        const auto &tree = s.cp.store().orgTree();
        const Scope tenant = s.cp.store().tenantScope();
        const Scope dept1 {ScopeType::Department, d1};
        int checkedRoutes = 0;
        for (const gpudesk::core::RouteSpec &route : gpudesk::core::routeTable()) {
            if (route.access != gpudesk::core::Access::Checked)
                continue;
            ++checkedRoutes;
            const Target target = targetOf(route);
            for (int side = 0; side < 2; ++side) {
                const QHash<QString, QString> &ids = side == 0 ? in : out;
                const QHash<QString, Scope> &scopes = side == 0 ? inScope : outScope;
                QString path = route.pattern;
                for (auto it = ids.constBegin(); it != ids.constEnd(); ++it)
                    path.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
                const QJsonObject body {{"parentId", ids.value("parent")},
                                        {"clusterId", ids.value("cluster")},
                                        {"projectId", ids.value("project")},
                                        {"scopeType", "department"},
                                        {"scopeId", ids.value("ruleScope")}};
                Scope targetScope = tenant;
                switch (target) {
                case Target::Project:
                    targetScope = scopes.value("project");
                    break;
                case Target::Department:
                case Target::RuleDepartment:
                    targetScope = scopes.value("department");
                    break;
                case Target::Cluster:
                    targetScope = scopes.value("cluster");
                    break;
                default:
                    break;
                }
                for (const gpudesk::rbac::Role &role : gpudesk::rbac::predefinedRoles()) {
                    for (int grant = 0; grant < 2; ++grant) {
                        const bool roleAllows = role.allows(route.resourceType, route.action);
                        const Scope grantScope = grant == 0 ? tenant : dept1;
                        // A list only needs the permission somewhere; it filters what it shows.
                        const bool allowed = target == Target::List
                                                 ? roleAllows
                                                 : roleAllows
                                                       && tree.covers(grantScope, targetScope);
                        const QString user = QStringLiteral("role%1-%2@matrix.local")
                                                 .arg(role.id)
                                                 .arg(grant == 0 ? "tenant" : "dept1");
                        QTest::addRow("%s %s [%s] %s/%s",
                                      route.method.constData(),
                                      qPrintable(route.pattern),
                                      side == 0 ? "in" : "out",
                                      qPrintable(role.name),
                                      grant == 0 ? "tenant" : "dept-1")
                            << route.method << path
                            << QJsonDocument(body).toJson(QJsonDocument::Compact) << user
                            << allowed;
                    }
                }
            }
        }
        QVERIFY(checkedRoutes > 80);
    }

    void matrix()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, user);
        QFETCH(bool, allowed);
        const QByteArray token = s.tokenFor(user);
        HttpReply reply;
        if (method == "GET")
            reply = s.request(method, path, {}, token);
        else
            reply = s.request(method, path, body, token, {{"X-Gpudesk-Authorize-Only", "true"}});
        if (allowed) {
            QVERIFY2(reply.status != 403 && reply.status != 401 && reply.status < 500,
                     reply.body.constData());
            if (method != "GET")
                QCOMPARE(reply.status, 204);
        } else {
            QVERIFY2(reply.status == 403,
                     qPrintable(QString::number(reply.status) + QLatin1Char(' ')
                                + QString::fromUtf8(reply.body)));
        }
    }

    // Lists are filtered by scope: the department-1 viewer sees only department-1's projects.
    void listsAreFilteredByScope()
    {
        const QByteArray token = s.tokenFor(QStringLiteral("role11-dept1@matrix.local"));
        const QJsonArray projects = s.get(QStringLiteral("/api/v1/org-unit/projects"), token)
                                        .json()
                                        .value("projects")
                                        .toArray();
        QCOMPARE(projects.size(), 1);
        QCOMPARE(projects.first().toObject().value("name").toString(), QStringLiteral("project-1a"));
        const QJsonArray workloads
            = s.get(QStringLiteral("/api/v1/workloads"), token).json().value("workloads").toArray();
        QCOMPARE(workloads.size(), 1);
        QCOMPARE(workloads.first().toObject().value("id").toString(), QStringLiteral("wa"));
        QCOMPARE(s.get(QStringLiteral("/api/v1/org-unit/departments"), token)
                     .json()
                     .value("departments")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(s.get(QStringLiteral("/api/v1/authorization/access-rules"),
                       s.tokenFor(QStringLiteral("role3-dept1@matrix.local")))
                     .json()
                     .value("accessRules")
                     .toArray()
                     .size(),
                 int(std::count_if(s.cp.store().accessRules.items().cbegin(),
                                   s.cp.store().accessRules.items().cend(),
                                   [this](const QJsonObject &r) {
                                       // department-1 itself and everything below it (project-1a's rules)
                                       const auto type = gpudesk::rbac::scopeTypeFromName(
                                           r.value("scopeType").toString());
                                       return type && *type != ScopeType::Tenant
                                              && s.cp.store()
                                                     .orgTree()
                                                     .covers(Scope {ScopeType::Department, d1},
                                                             Scope {*type,
                                                                    r.value("scopeId").toString()});
                                   })));
    }
};

QTEST_GUILESS_MAIN(TestRbacMatrix)
#include "tst_cp_rbacmatrix.moc"
