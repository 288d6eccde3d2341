/// The job table as operators see it (admin keys only; the route checks the role).
public enum JobQueries {
    public static func list(page: PageRequest, in store: any StoreReader) throws -> Page<Job> {
        try store.jobs(page: page)
    }
}
