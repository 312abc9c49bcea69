using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Testing;

namespace NavusoftSync.Audit.IntegrationTests;

/// <summary>
/// Stands for a module's handler that fails on one contact until it is mended: its deliveries of
/// that contact's appearance fail every retry and become a dead letter.
/// </summary>
internal sealed class PoisonedContactHandler(IDocumentSession session) : IIntegrationEventHandler<ContactEmailAppeared>
{
    public const string PoisonedEmail = "poisoned.contact@operator.example";

    /// <summary>Set by the replay test once the "bug" is fixed.</summary>
    public static volatile bool Mended;

    public ValueTask Handle(ContactEmailAppeared integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (integrationEvent.Email == PoisonedEmail && !Mended)
        {
            throw new InvalidOperationException("The handler cannot take this contact yet.");
        }

        session.Store(new PoisonHandled(Guid.NewGuid().ToString(), integrationEvent.Email, context.Sequence));
        return ValueTask.CompletedTask;
    }
}

public sealed record PoisonHandled(string Id, string Email, long Sequence);

/// <summary>
/// A second handler of the same event, registered after <see cref="PoisonedContactHandler"/>: it
/// receives every appearance, the poisoned one included, and counts its calls.
/// </summary>
internal sealed class WitnessContactHandler(IDocumentSession session) : IIntegrationEventHandler<ContactEmailAppeared>
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> Calls = new();

    public ValueTask Handle(ContactEmailAppeared integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        Calls.AddOrUpdate(context.Sequence, 1, (_, calls) => calls + 1);
        session.Store(new WitnessHandled(Guid.NewGuid().ToString(), integrationEvent.Email, context.Sequence));
        return ValueTask.CompletedTask;
    }
}

public sealed record WitnessHandled(string Id, string Email, long Sequence);

/// <summary>The host with <see cref="PoisonedContactHandler"/> among the integration-event handlers.</summary>
public sealed class OperatorFixture : AppFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddIntegrationEventHandlers(typeof(PoisonedContactHandler).Assembly);
}

/// <summary>
/// Store-wide operations (projection rebuilds and their status, dead letters) are for Navusoft's
/// operators only: a tenant's admin, whose rebuild would empty every tenant's calendars, gets 403.
/// </summary>
public sealed class OperatorTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    public static TheoryData<string, string> OperatorRoutes => new()
    {
        { "GET", "/api/admin/projections" },
        { "POST", "/api/admin/projections/rebuild" },
        { "GET", "/api/admin/dead-letters" },
        { "POST", $"/api/admin/dead-letters/{Guid.NewGuid()}/replay" },
    };

    [Theory]
    [MemberData(nameof(OperatorRoutes))]
    public async Task A_tenant_admin_and_a_user_get_403_and_no_token_401(string method, string path)
    {
        foreach (var caller in new[] { Tokens.Admin("t-op-admin"), Tokens.User("t-op-admin") })
        {
            var forbidden = await fixture.ClientFor(caller).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        }

        var anonymous = await fixture.App.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_operator_rebuilds_and_the_status_names_the_role_not_the_user()
    {
        var operatorClient = fixture.ClientFor(Tokens.Operator("op-sub-7f3a", "navusoft-staff-tenant"));
        var accepted = await operatorClient.PostAsync("/api/admin/projections/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var started = await accepted.Content.ReadAsStringAsync();

        string status;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        do
        {
            var response = await operatorClient.GetAsync("/api/admin/projections");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            status = await response.Content.ReadAsStringAsync();
            Assert.True(DateTimeOffset.UtcNow < deadline, status);
        }
        while (JsonDocument.Parse(status).RootElement.GetProperty("rebuild").GetProperty("state").GetString() == "Running");

        Assert.Equal("operator", JsonDocument.Parse(started).RootElement.GetProperty("requestedBy").GetString());
        Assert.Equal("operator", JsonDocument.Parse(status).RootElement.GetProperty("rebuild").GetProperty("requestedBy").GetString());
        foreach (var answer in new[] { started, status })
        {
            Assert.DoesNotContain("op-sub-7f3a", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("navusoft-staff-tenant", answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_dead_lettered_alone_and_a_replay_delivers_to_it_only_and_removes_it()
    {
        // The failing handler comes before the witness: the witness receiving the event proves the failure did not stop the loop.
        var order = fixture.App.Services.GetRequiredService<IntegrationEventHandlerRegistry>().HandlersOf(typeof(ContactEmailAppeared)).ToList();
        Assert.Contains(typeof(PoisonedContactHandler), order);
        Assert.True(order.IndexOf(typeof(PoisonedContactHandler)) < order.IndexOf(typeof(WitnessContactHandler)));

        const string tenant = "t-dead-letter";
        var admin = fixture.ClientFor(Tokens.Admin(tenant, "admin-sub-91c2"));
        var put = await admin.PutAsJsonAsync("/api/accounts/ACC-DL", new
        {
            name = "Secret Account Name",
            contacts = new[] { new { contactId = "c1", name = "Pat Poisoned", email = PoisonedContactHandler.PoisonedEmail } },
        });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var operatorClient = fixture.ClientFor(Tokens.Operator());
        var letter = await WaitForDeadLetterAsync(operatorClient);
        var text = letter.ToString();
        var sequence = letter.GetProperty("sequence").GetInt64();
        Assert.Equal(typeof(PoisonedContactHandler).FullName, letter.GetProperty("handler").GetString());
        Assert.Equal("contact_directory_publisher", letter.GetProperty("subscription").GetString());
        Assert.Equal(tenant, letter.GetProperty("tenantId").GetString());
        Assert.Equal("contact_directory.contact_added", letter.GetProperty("eventType").GetString());
        Assert.True(sequence > 0);
        Assert.Equal("InvalidOperationException", letter.GetProperty("exceptionType").GetString());
        Assert.StartsWith($"Failure to deliver event #{sequence} to {typeof(PoisonedContactHandler).FullName}", letter.GetProperty("exceptionMessage").GetString(), StringComparison.Ordinal);
        foreach (var content in new[] { PoisonedContactHandler.PoisonedEmail, "Secret Account Name", "Pat Poisoned", "admin-sub-91c2" })
        {
            Assert.DoesNotContain(content, text, StringComparison.Ordinal);
        }

        // The handler after the failing one received the event, once.
        await using (var session = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant))
        {
            Assert.Single(await session.Query<WitnessHandled>().Where(h => h.Sequence == sequence).ToListAsync());
            Assert.Empty(await session.Query<PoisonHandled>().Where(h => h.Sequence == sequence).ToListAsync());
        }

        Assert.Equal(1, WitnessContactHandler.Calls[sequence]);

        // Still broken: the replay fails, and the dead letter stays.
        var id = letter.GetProperty("id").GetGuid();
        var failed = await operatorClient.PostAsync($"/api/admin/dead-letters/{id}/replay", null);
        Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(id, Assert.Single(await DeadLettersAsync(operatorClient)).GetProperty("id").GetGuid());

        // Mended: the replay delivers to the failing handler only, and the dead letter is gone.
        PoisonedContactHandler.Mended = true;
        var replayed = await operatorClient.PostAsync($"/api/admin/dead-letters/{id}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(1, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("integrationEvents").GetInt32());
        Assert.Empty(await DeadLettersAsync(operatorClient));
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.PostAsync($"/api/admin/dead-letters/{id}/replay", null)).StatusCode);

        await using var after = fixture.App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
        Assert.Single(await after.Query<PoisonHandled>().Where(h => h.Sequence == sequence).ToListAsync());
        Assert.Single(await after.Query<WitnessHandled>().Where(h => h.Sequence == sequence).ToListAsync());
        Assert.Equal(1, WitnessContactHandler.Calls[sequence]);
        var inbox = await after.Query<InboxRecord>().Where(r => r.Sequence == sequence).ToListAsync();
        Assert.Single(inbox, r => r.Handler == typeof(PoisonedContactHandler).FullName);
        Assert.Single(inbox, r => r.Handler == typeof(WitnessContactHandler).FullName);
        Assert.Equal(inbox.Count, inbox.Select(r => r.Handler).Distinct().Count());
    }

    [Fact]
    public async Task Replaying_an_unknown_dead_letter_is_a_404_problem()
    {
        var response = await fixture.ClientFor(Tokens.Operator()).PostAsync($"/api/admin/dead-letters/{Guid.NewGuid()}/replay", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonElement[]> DeadLettersAsync(HttpClient operatorClient)
    {
        var response = await operatorClient.GetAsync("/api/admin/dead-letters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    /// <summary>The daemon retries the delivery (three attempts) before it records the dead letter: poll until it is listed.</summary>
    private async Task<JsonElement> WaitForDeadLetterAsync(HttpClient operatorClient)
    {
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var letters = await DeadLettersAsync(operatorClient);
            if (letters.Length > 0)
            {
                return Assert.Single(letters);
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "No dead letter was recorded.");
            await Task.Delay(200);
        }
    }
}
